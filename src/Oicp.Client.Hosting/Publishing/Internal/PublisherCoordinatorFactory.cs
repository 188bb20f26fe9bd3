namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Registered (keyed like the publisher) by a package that coordinates several instances, for example
/// <c>UseRedis</c>: the publisher's registration then builds its <see cref="IPublisherCoordinator"/> with it instead of
/// the <see cref="InProcessCoordinator"/>.
/// </summary>
/// <param name="backlog">The publisher's local backlog, where <see cref="EvseStatusPublisher.Publish"/> writes.</param>
/// <param name="options">The publisher's options.</param>
/// <returns>The coordinator.</returns>
internal delegate IPublisherCoordinator PublisherCoordinatorFactory(EvseBacklog backlog, EvseStatusPublisherOptions options);
