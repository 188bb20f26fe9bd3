using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>
/// The certificate files of every doctor case, written once per test class: healthy (PKCS#12 and PEM),
/// another operator's, expired, certificate without key, and the password files.
/// </summary>
internal sealed class CertificateFiles : IDisposable
{
    public const string Password = "correct horse";

    public CertificateFiles(TestCertificates certificates)
    {
        Certificates = certificates;
        Folder = Directory.CreateTempSubdirectory("oicp-tool-").FullName;
        TrustRoots = Write("ca.pem", certificates.Authority.ExportCertificatePem());
        PasswordFile = Write("password.txt", Password + "\n");
        WrongPasswordFile = Write("wrong-password.txt", "incorrect horse\n");
        Healthy = TestCertificates.WritePfx(Folder, "abc.pfx", certificates.ClientAbc, Password);
        OtherOperator = TestCertificates.WritePfx(Folder, "xyz.pfx", certificates.ClientXyz, Password);
        (HealthyPem, HealthyPemKey) = TestCertificates.WritePem(Folder, "abc", certificates.ClientAbc);
        WithoutKey = Write("abc-without-key.crt", certificates.ClientAbc.ExportCertificatePem());
        using var expired = SelfSigned("CN=DE*ABC expired client", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        Expired = TestCertificates.WritePfx(Folder, "expired.pfx", expired, Password);
        using var longLived = SelfSigned("CN=DE*ABC long-lived client", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
        LongLived = TestCertificates.WritePfx(Folder, "long-lived.pfx", longLived, Password);
        LongLivedNotAfter = new DateTimeOffset(longLived.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    public TestCertificates Certificates { get; }

    public string Folder { get; }

    public string TrustRoots { get; }

    public string PasswordFile { get; }

    public string WrongPasswordFile { get; }

    public string Healthy { get; }

    public string HealthyPem { get; }

    public string HealthyPemKey { get; }

    public string OtherOperator { get; }

    public string WithoutKey { get; }

    /// <summary>Gets a certificate that expired yesterday (self-signed, naming DE*ABC, so only its dates are wrong).</summary>
    public string Expired { get; }

    /// <summary>Gets a self-signed certificate valid for a year, to move a fake clock across its expiry thresholds.</summary>
    public string LongLived { get; }

    public DateTimeOffset LongLivedNotAfter { get; }

    /// <summary>The settings flags for <paramref name="certificate"/> against <paramref name="baseAddress"/>, trusting the test CA.</summary>
    public string[] Settings(Uri baseAddress, string certificate, string? passwordFile = null, bool trustTestCa = true)
    {
        var flags = new List<string> { "--base-address", baseAddress.ToString(), "--operator-id", "DE*ABC", "--certificate", certificate };
        if (certificate.EndsWith(".pfx", StringComparison.Ordinal))
        {
            flags.AddRange(["--password-file", passwordFile ?? PasswordFile]);
        }

        if (trustTestCa)
        {
            flags.AddRange(["--trust-roots", TrustRoots]);
        }

        return [.. flags];
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    // Self-signed, so no CA's validity limits the dates.
    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
