namespace Oicp.Client.Publishing;

/// <summary>
/// Publishes EVSE status changes to Hubject in the background, following Hubject's best practices:
/// one change per request, sequential requests, within the rate limit, the latest status only, and a
/// daily fullLoad. <see cref="Publish"/> never waits for the network.
/// </summary>
public interface IEvseStatusPublisher
{
    /// <summary>Occurs when a status could not be delivered for a reason that retrying would not fix (for example code 603 or 018).</summary>
    /// <remarks>Raised on the publisher's background loop: keep handlers short and do not block in them.</remarks>
    event EventHandler<EvseStatusPublishFailedEventArgs>? PublishFailed;

    /// <summary>Gets the number of EVSEs whose latest status is waiting to be sent.</summary>
    int PendingCount { get; }

    /// <summary>
    /// Records the new status of an EVSE and returns at once. While the EVSE waits for its turn, a newer
    /// status replaces the older one (latest wins); an older status is never sent after a newer one.
    /// </summary>
    /// <param name="evseId">The EVSE.</param>
    /// <param name="status">Its new status.</param>
    /// <exception cref="ArgumentException"><paramref name="evseId"/> is the default (empty) value.</exception>
    void Publish(EvseId evseId, EvseStatus status);

    /// <summary>Asks for a fullLoad as soon as the running request is answered, without waiting for it.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="IEvseStatusSnapshotSource"/> was given.</exception>
    void TriggerFullLoad();

    /// <summary>Asks for a fullLoad as soon as the running request is answered and waits for Hubject's answer.</summary>
    /// <param name="cancellationToken">Stops waiting; the fullLoad itself still happens.</param>
    /// <returns>What Hubject answered to the fullLoad.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IEvseStatusSnapshotSource"/> was given.</exception>
    Task<PushResult> RequestFullLoadAsync(CancellationToken cancellationToken = default);
}
