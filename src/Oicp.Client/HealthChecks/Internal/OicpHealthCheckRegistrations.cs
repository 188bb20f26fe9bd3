using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Oicp.Client.Internal;
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
        if (IsRegistered(typeof(ClientCertificateProvider)))
        {
            Add(options, OicpHealthCheckNames.Certificate, sp => new ClientCertificateHealthCheck(
                sp.GetRequiredService<ClientCertificateProvider>(),
                sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>(),
                Thresholds(sp),
                Clock(sp)));
        }

        if (!IsRegistered(typeof(IEvseStatusPublisher)))
        {
            return;
        }

        Add(options, OicpHealthCheckNames.Publisher, sp => new PublisherHealthCheck(sp.GetRequiredService<IEvseStatusPublisher>(), Thresholds(sp)));

        // Without a snapshot source the publisher never sends a fullLoad: the check would only ever say so.
        if (IsRegistered(typeof(IEvseStatusSnapshotSource)))
        {
            Add(options, OicpHealthCheckNames.FullLoad, sp => new FullLoadHealthCheck(sp.GetRequiredService<IEvseStatusPublisher>(), Thresholds(sp), Clock(sp)));
        }
    }

    private static void Add(HealthCheckServiceOptions options, string name, Func<IServiceProvider, IHealthCheck> factory) =>
        options.Registrations.Add(new HealthCheckRegistration(name, factory, failureStatus: null, Tags));

    private static OicpHealthCheckOptions Thresholds(IServiceProvider sp) => sp.GetRequiredService<IOptions<OicpHealthCheckOptions>>().Value;

    private static TimeProvider Clock(IServiceProvider sp) => sp.GetService<TimeProvider>() ?? TimeProvider.System;

    private bool IsRegistered(Type service) =>
        services.GetService<IServiceProviderIsService>() is { } registry ? registry.IsService(service) : services.GetService(service) is not null;
}
