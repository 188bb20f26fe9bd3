using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Transport;
using Oicp.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OICP EVSE status client of one operator, or of several side by side.</summary>
public static class OicpServiceCollectionExtensions
{
    /// <summary>The name of the SDK's <see cref="HttpClient"/> for the default registration; a named registration's is this, a colon and its name.</summary>
    public const string HttpClientName = "Oicp.Client";

    /// <summary>
    /// Registers <see cref="IEvseStatusPusher"/> of one operator (a singleton: one sequence and one rate limit per
    /// operator), its options, validated at start-up, and the HTTP client presenting the client certificate.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The registration, which is also the <see cref="IHttpClientBuilder"/> of the SDK's HTTP client.</returns>
    public static OicpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, Action<OicpClientOptions> configure) =>
        Register(services, serviceKey: null, configure);

    /// <summary>
    /// Registers <see cref="IEvseStatusPusher"/> with options bound from a configuration section (for example
    /// <c>configuration.GetSection("Oicp")</c>); see the README for the keys. When the section changes, the client
    /// certificate and the base address of new connections follow; the other settings are read once, when the pusher
    /// is created.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The registration, which is also the <see cref="IHttpClientBuilder"/> of the SDK's HTTP client.</returns>
    public static OicpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, IConfiguration configuration) =>
        Register(services, serviceKey: null, configuration);

    /// <summary>
    /// Registers the pusher of one of several operators under a name: resolve it with
    /// <c>[FromKeyedServices("tenant-a")] IEvseStatusPusher</c>, or by OperatorID through <see cref="IOicpOperators"/>. Each
    /// operator has its own client certificate, sequence, rate limit (and publisher, when one is added).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name: the service key and the name of its options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The registration, which is also the <see cref="IHttpClientBuilder"/> of the operator's HTTP client.</returns>
    /// <exception cref="ArgumentException">The name is empty, or already registered.</exception>
    public static OicpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, string name, Action<OicpClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Register(services, name, configure);
    }

    /// <summary>Registers the pusher of one of several operators under a name, with options bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name: the service key and the name of its options.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The registration, which is also the <see cref="IHttpClientBuilder"/> of the operator's HTTP client.</returns>
    /// <exception cref="ArgumentException">The name is empty, or already registered.</exception>
    public static OicpClientBuilder AddOicpEvseStatusPusher(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Register(services, name, configuration);
    }

    private static OicpClientBuilder Register(IServiceCollection services, string? serviceKey, Action<OicpClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, serviceKey);
        services.AddOptions<OicpClientOptions>(builder.OptionsName).Configure(configure);
        return builder;
    }

    private static OicpClientBuilder Register(IServiceCollection services, string? serviceKey, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Register(services, serviceKey);
        ConfigurationBinding.Bind<OicpClientOptions>(services, builder.OptionsName, configuration, static (section, options) => section.Bind(options));
        return builder;
    }

    private static OicpClientBuilder Register(IServiceCollection services, string? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = (OicpRegistrations?)services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(OicpRegistrations))?.ImplementationInstance;
        if (registrations is null)
        {
            registrations = new OicpRegistrations();
            services.AddSingleton(registrations);
            services.AddSingleton<IOicpOperators, OicpRegistrations.Operators>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OicpClientOptions>, OicpClientOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, WireHandlerFilter>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OicpStartupCheck>());
        }

        var httpClientName = serviceKey is null ? HttpClientName : HttpClientName + ":" + serviceKey;
        var registration = registrations.Add(serviceKey, httpClientName);
        var builder = new OicpClientBuilder(services, registration);
        var optionsName = builder.OptionsName;
        services.AddOptions<OicpClientOptions>(optionsName).ValidateOnStart();

        services.AddKeyedSingleton(serviceKey, (sp, _) => new ClientCertificateProvider(
            sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>(),
            optionsName,
            registration.Certificates,
            sp.GetService<ILogger<ClientCertificateProvider>>(),
            sp.GetService<TimeProvider>()));
        services.AddKeyedSingleton(serviceKey, (sp, _) =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new EvseStatusPusher(
                sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>().Get(optionsName),
                _ => () => factory.CreateClient(httpClientName),
                sp.GetService<ILoggerFactory>(),
                sp.GetService<TimeProvider>(),
                sp.GetService<IMeterFactory>(),
                random: null);
        });
        services.AddKeyedSingleton<IEvseStatusPusher>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<EvseStatusPusher>(key));

        services.AddHttpClient(httpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.BaseAddress = sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>().Get(optionsName).GetEffectiveBaseAddress();
            })
            .ConfigurePrimaryHttpMessageHandler(sp => OicpHttpHandlerFactory.Create(sp.GetRequiredKeyedService<ClientCertificateProvider>(serviceKey)));
        return builder;
    }
}
