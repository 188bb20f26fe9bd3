using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Publishing.Internal;
using Oicp.Client.Publishing;
using Oicp.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the background <see cref="IEvseStatusPublisher"/> of an operator on top of its pusher.</summary>
public static class OicpPublisherServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEvseStatusPublisher"/> (a singleton over the operator's <see cref="EvseStatusPusher"/>, keyed like
    /// it), its options, validated at start-up, and a hosted service that starts it and drains it on shutdown. Register an
    /// <see cref="IEvseStatusSnapshotSource"/> (keyed like the registration, for a named one) to get the fullLoads.
    /// Chain it to the SDK registration: <c>services.AddOicpEvseStatusPusher(...).AddEvseStatusPublisher(o =&gt; ...)</c>.
    /// </summary>
    /// <param name="builder">The registration returned by <c>AddOicpEvseStatusPusher</c>.</param>
    /// <returns>The same registration, to go on configuring it.</returns>
    public static OicpClientBuilder AddEvseStatusPublisher(this OicpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Register(builder);
        return builder;
    }

    /// <summary>Registers the publisher (see the overload without options) with options set in code.</summary>
    /// <param name="builder">The registration returned by <c>AddOicpEvseStatusPusher</c>.</param>
    /// <param name="configure">Sets the options; the defaults follow Hubject's rules of use.</param>
    /// <returns>The same registration, to go on configuring it.</returns>
    public static OicpClientBuilder AddEvseStatusPublisher(this OicpClientBuilder builder, Action<EvseStatusPublisherOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder).Configure(configure);
        return builder;
    }

    /// <summary>Registers the publisher (see the overload without options) with options bound from a configuration section, for example <c>configuration.GetSection("Oicp:Publisher")</c>.</summary>
    /// <param name="builder">The registration returned by <c>AddOicpEvseStatusPusher</c>.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The same registration, to go on configuring it.</returns>
    public static OicpClientBuilder AddEvseStatusPublisher(this OicpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        Register(builder);
        ConfigurationBinding.Bind<EvseStatusPublisherOptions>(builder.Services, builder.OptionsName, configuration, static (section, options) => section.Bind(options));
        return builder;
    }

    private static OptionsBuilder<EvseStatusPublisherOptions> Register(OicpClientBuilder builder)
    {
        var services = builder.Services;
        var key = builder.ServiceKey;
        var optionsName = builder.OptionsName;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(EvseStatusPublisher) && Equals(descriptor.ServiceKey, key)))
        {
            throw new InvalidOperationException($"AddEvseStatusPublisher was already called for {builder.Registration.Describe()}.");
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvseStatusPublisherOptions>, EvseStatusPublisherOptionsValidator>());
        services.AddKeyedSingleton(key, (sp, _) =>
        {
            var timeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return new EvseStatusPublisher(
                PusherChannel.For(sp.GetRequiredKeyedService<EvseStatusPusher>(key), timeProvider),
                sp.GetRequiredService<IOptionsMonitor<EvseStatusPublisherOptions>>().Get(optionsName),
                sp.GetKeyedService<IEvseStatusSnapshotSource>(key),
                sp.GetService<ILogger<EvseStatusPublisher>>(),
                timeProvider,
                sp.GetService<IMeterFactory>(),
                random: null,
                sp.GetKeyedService<PublisherCoordinatorFactory>(key));
        });
        services.AddKeyedSingleton<IEvseStatusPublisher>(key, (sp, k) => sp.GetRequiredKeyedService<EvseStatusPublisher>(k));
        services.AddSingleton<IHostedService>(sp => new EvseStatusPublisherHostedService(sp.GetRequiredKeyedService<EvseStatusPublisher>(key)));
        return services.AddOptions<EvseStatusPublisherOptions>(optionsName).ValidateOnStart();
    }
}
