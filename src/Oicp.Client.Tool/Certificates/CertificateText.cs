using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tool;

/// <summary>How certificates and dates are written in reports.</summary>
internal static class CertificateText
{
    public static DateTimeOffset NotAfterUtc(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotBeforeUtc(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Describe(X509Certificate2 certificate) =>
        $"subject {certificate.Subject}, issuer {certificate.Issuer}, valid until {Date(NotAfterUtc(certificate))}";
}
