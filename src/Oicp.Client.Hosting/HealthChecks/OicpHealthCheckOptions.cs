using Oicp.Client.Certificates;

namespace Oicp.Client.HealthChecks;

/// <summary>
/// The thresholds of the OICP health checks (see <c>AddOicpHealthChecks</c>). Validated when the application starts:
/// a negative threshold is refused with a message naming it.
/// </summary>
public sealed class OicpHealthCheckOptions
{
    /// <summary>
    /// Gets or sets how long before its expiry the client certificate makes the <c>oicp-certificate</c> check
    /// Degraded, so that there is time to get a new one from Hubject. Default 30 days.
    /// </summary>
    public TimeSpan CertificateExpiryWarning { get; set; } = ClientCertificateCheck.ExpiryWarningWindow;

    /// <summary>
    /// Gets or sets how long a status may wait to be sent before the <c>oicp-publisher</c> check is Degraded: it is
    /// when the oldest waiting status has waited longer. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxOldestPendingAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long every request may fail before the <c>oicp-publisher</c> check is Unhealthy: it is when
    /// the first and the latest of the failures in a row, with no success between, are further apart. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxFailureDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how old the last acknowledged fullLoad may be before the <c>oicp-fullload</c> check is Degraded
    /// (also when none succeeded yet and the publisher has run for longer). Default 26 hours: the daily fullLoad
    /// plus its jitter and time for a retry.
    /// </summary>
    public TimeSpan MaxFullLoadAge { get; set; } = TimeSpan.FromHours(26);
}
