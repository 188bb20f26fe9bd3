using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Oicp.Client.Certificates;

/// <summary>
/// Warns about a client certificate that Hubject will refuse: one that does not name the configured
/// OperatorID, or one that expires soon or has expired. Logs the thumbprint, subject and dates only.
/// </summary>
internal static class ClientCertificateCheck
{
    /// <summary>How long before expiry the warning starts: Hubject needs time to issue a new certificate.</summary>
    public static readonly TimeSpan ExpiryWarningWindow = TimeSpan.FromDays(30);

    public static void Log(ILogger logger, X509Certificate2 certificate, string? operatorId, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(operatorId) && !SubjectNamesOperator(certificate.Subject, operatorId))
        {
            Diagnostics.Log.CertificateOperatorMismatch(logger, certificate.Thumbprint, certificate.Subject, operatorId);
        }

        var notAfter = NotAfterUtc(certificate);
        if (notAfter <= now)
        {
            Diagnostics.Log.CertificateExpired(logger, certificate.Thumbprint, notAfter);
        }
        else if (notAfter - now <= ExpiryWarningWindow)
        {
            Diagnostics.Log.CertificateExpiresSoon(logger, certificate.Thumbprint, notAfter, (int)Math.Ceiling((notAfter - now).TotalDays));
        }
    }

    public static DateTimeOffset NotAfterUtc(X509Certificate2 certificate) =>
        new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>
    /// Looks for the OperatorID anywhere in the subject, ignoring <c>*</c> and case: Hubject writes it into
    /// the CN or OU in varying forms (<c>DE*ABC</c>, <c>DEABC</c>, <c>de*abc</c>).
    /// </summary>
    public static bool SubjectNamesOperator(string subject, string operatorId)
    {
        var wanted = operatorId.Replace("*", string.Empty, StringComparison.Ordinal).Trim();
        var haystack = subject.Replace("*", string.Empty, StringComparison.Ordinal);
        return wanted.Length > 0 && haystack.Contains(wanted, StringComparison.OrdinalIgnoreCase);
    }
}
