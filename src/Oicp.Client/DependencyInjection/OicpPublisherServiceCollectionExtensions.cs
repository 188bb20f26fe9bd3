using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oicp.Client;
using Oicp.Client.Publishing;
using Oicp.Client.Publishing.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the background <see cref="IEvseStatusPublisher"/> on top of the SDK's pusher.</summary>
public static class OicpPublisherServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEvseStatusPublisher"/> (a singleton over the registered <see cref="IEvseStatusPusher"/>),
    /// its options, validated at start-up, and a hosted service that starts it and drains it on shutdown.
    /// Register an <see cref="IEvseStatusSnapshotSource"/> to get the daily fullLoad. Chain it to the SDK
    /// registration: <c>services.AddOicpEvseStatusPusher(...).AddEvseStatusPublisher(o => ...)</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddOicpEvseStatusPusher</c>.</param>
    /// <param name="configure">Sets the options; the defaults follow Hubject's rules of use.</param>
    /// <returns>The same builder, to go on configuring the SDK's HTTP client.</returns>
    public static IHttpClientBuilder AddEvseStatusPublisher(this IHttpClientBuilder builder, Action<EvseStatusPublisherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<EvseStatusPublisherOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvseStatusPublisherOptions>, EvseStatusPublisherOptionsValidator>());
        services.TryAddSingleton(sp => new EvseStatusPublisher(
            sp.GetRequiredService<IEvseStatusPusher>(),
            sp.GetRequiredService<IOptions<EvseStatusPublisherOptions>>().Value,
            sp.GetService<IEvseStatusSnapshotSource>(),
            sp.GetService<ILogger<EvseStatusPublisher>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IEvseStatusPublisher>(sp => sp.GetRequiredService<EvseStatusPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EvseStatusPublisherHostedService>(
            sp => new EvseStatusPublisherHostedService(sp.GetRequiredService<EvseStatusPublisher>())));
        return builder;
    }
}
