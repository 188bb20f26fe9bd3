using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>Throw-away certificates made inside the tests.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateSelfSigned(string subject, TimeSpan? validFor = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validFor ?? TimeSpan.FromDays(365)));
    }
}
