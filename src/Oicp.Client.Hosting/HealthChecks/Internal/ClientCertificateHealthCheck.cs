using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Oicp.Client.Certificates;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>
/// <c>oicp-certificate</c>: the client certificate the SDK presents now (a reload is seen at the next run). Unhealthy
/// when it has expired, or when none is configured for Hubject production; Degraded when it expires within
/// <see cref="OicpHealthCheckOptions.CertificateExpiryWarning"/>; Healthy otherwise, also when none is configured for
/// QA, an emulator or a proxy. Data: <c>thumbprint</c>, <c>subject</c>, <c>notAfter</c>, <c>daysLeft</c>.
/// </summary>
internal sealed class ClientCertificateHealthCheck(
    ClientCertificateProvider certificates,
    IOptionsMonitor<OicpClientOptions> clientOptions,
    string optionsName,
    OicpHealthCheckOptions options,
    TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (certificates.Current is not { } certificate)
        {
            return clientOptions.Get(optionsName).GoesToProduction
                ? HealthCheckResult.Unhealthy("No client certificate is configured, and Hubject production requires one: set ClientCertificatePath to the certificate Hubject issued (or give it with UseClientCertificate).")
                : HealthCheckResult.Healthy("No client certificate is configured (QA, an emulator or a proxy); Hubject production requires one.");
        }

        var now = timeProvider.GetUtcNow();
        var notAfter = ClientCertificateCheck.NotAfterUtc(certificate);
        var left = notAfter - now;
        var daysLeft = Math.Max(0, (int)Math.Ceiling(left.TotalDays));
        var data = new Dictionary<string, object>
        {
            ["thumbprint"] = certificate.Thumbprint,
            ["subject"] = certificate.Subject,
            ["notAfter"] = notAfter,
            ["daysLeft"] = daysLeft,
        };
        var which = $"The client certificate {certificate.Thumbprint}";
        var until = HealthText.Time(notAfter);

        if (left <= TimeSpan.Zero)
        {
            return HealthCheckResult.Unhealthy($"{which} expired on {until}: Hubject refuses it (017). Install the new certificate Hubject issued.", data: data);
        }

        if (left <= options.CertificateExpiryWarning)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{which} expires in {daysLeft} day(s), on {until}: ask Hubject for a new one and rotate it before then."),
                data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{which} is valid until {until} ({daysLeft} days left)."), data);
    }
}
