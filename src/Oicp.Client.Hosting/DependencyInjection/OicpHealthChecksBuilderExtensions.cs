using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OICP health checks on an <see cref="IHealthChecksBuilder"/>.</summary>
public static class OicpHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the OICP health checks, tagged <see cref="OicpHealthCheckNames.Tag"/>, each only when what it reads is
    /// registered (in any order, before or after this call):
    /// <list type="bullet">
    /// <item><description><see cref="OicpHealthCheckNames.Certificate"/>, with <c>AddOicpEvseStatusPusher</c>: the client
    /// certificate the SDK presents now. Unhealthy when it has expired or when Hubject production gets none; Degraded
    /// when it expires within <see cref="OicpHealthCheckOptions.CertificateExpiryWarning"/>.</description></item>
    /// <item><description><see cref="OicpHealthCheckNames.Publisher"/>, with <c>AddEvseStatusPublisher</c> (not added when
    /// no <see cref="Oicp.Client.Publishing.IEvseStatusPublisher"/> is registered): Unhealthy when Hubject refuses the
    /// operator or every request has failed for longer than <see cref="OicpHealthCheckOptions.MaxFailureDuration"/>;
    /// Degraded when a status has waited longer than <see cref="OicpHealthCheckOptions.MaxOldestPendingAge"/>.</description></item>
    /// <item><description><see cref="OicpHealthCheckNames.FullLoad"/>, with <c>AddEvseStatusPublisher</c> and an
    /// <see cref="Oicp.Client.Publishing.IEvseStatusSnapshotSource"/> (without one the publisher sends no fullLoad):
    /// Degraded when the last acknowledged fullLoad is older than <see cref="OicpHealthCheckOptions.MaxFullLoadAge"/>,
    /// or none was acknowledged and the publisher started longer ago than that.</description></item>
    /// </list>
    /// Time comes from the registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>. Calling this
    /// again adds no second set of checks; every <paramref name="configure"/> given is applied.
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddHealthChecks()</c>.</param>
    /// <param name="configure">Sets the thresholds; validated when the application starts.</param>
    /// <returns>The same builder, to add more checks.</returns>
    public static IHealthChecksBuilder AddOicpHealthChecks(this IHealthChecksBuilder builder, Action<OicpHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<OicpHealthCheckOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OicpHealthCheckOptions>, OicpHealthCheckOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, OicpHealthCheckRegistrations>());
        return builder;
    }
}
