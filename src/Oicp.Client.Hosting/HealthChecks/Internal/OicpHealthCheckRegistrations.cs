using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Publishing;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>
/// Adds the OICP checks to the health check service once the container is built, each only when what it reads is
/// registered: so the order of <c>AddOicpHealthChecks</c> and the SDK's registrations does not matter, and a check
/// never fails for want of a service the application chose not to use.
/// </summary>
internal sealed class OicpHealthCheckRegistrations(IServiceProvider services) : IConfigureOptions<HealthCheckServiceOptions>
{
    private static readonly string[] Tags = [OicpHealthCheckNames.Tag];

    public void Configure(HealthCheckServiceOptions options)
    {
        if (services.GetService<OicpRegistrations>() is not { } registrations)
        {
            return;
        }

        // One set of checks per registered operator; a named registration's carry its name (oicp-certificate:tenant-a).
        foreach (var registration in registrations.All)
        {
            var key = registration.ServiceKey;
            var suffix = key is null ? string.Empty : ":" + key;
            Add(options, OicpHealthCheckNames.Certificate + suffix, sp => new ClientCertificateHealthCheck(
                sp.GetRequiredKeyedService<ClientCertificateProvider>(key),
                sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>(),
                registration.OptionsName,
                Thresholds(sp),
                Clock(sp)));
            if (!IsRegistered(typeof(IEvseStatusPublisher), key))
            {
                continue;
            }

            Add(options, OicpHealthCheckNames.Publisher + suffix, sp => new PublisherHealthCheck(sp.GetRequiredKeyedService<IEvseStatusPublisher>(key), Thresholds(sp)));

            // Without a snapshot source the publisher never sends a fullLoad: the check would only ever say so.
            if (IsRegistered(typeof(IEvseStatusSnapshotSource), key))
            {
                Add(options, OicpHealthCheckNames.FullLoad + suffix, sp => new FullLoadHealthCheck(sp.GetRequiredKeyedService<IEvseStatusPublisher>(key), Thresholds(sp), Clock(sp)));
            }
        }
    }

    private static void Add(HealthCheckServiceOptions options, string name, Func<IServiceProvider, IHealthCheck> factory) =>
        options.Registrations.Add(new HealthCheckRegistration(name, factory, failureStatus: null, Tags));

    private static OicpHealthCheckOptions Thresholds(IServiceProvider sp) => sp.GetRequiredService<IOptions<OicpHealthCheckOptions>>().Value;

    private static TimeProvider Clock(IServiceProvider sp) => sp.GetService<TimeProvider>() ?? TimeProvider.System;

    // A null key asks for the unkeyed service, which is how the default registration adds it.
    private bool IsRegistered(Type service, string? key) => services.GetService<IServiceProviderIsKeyedService>() is { } registry
        ? registry.IsKeyedService(service, key)
        : services is IKeyedServiceProvider keyed && keyed.GetKeyedService(service, key) is not null;
}
