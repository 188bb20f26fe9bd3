using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Doctor;

/// <summary>The local certificate checks on their own, with the clock set where each verdict changes.</summary>
public sealed class CertificateChecksTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly CertificateFiles _files;

    public CertificateChecksTests() => _files = new CertificateFiles(_certificates);

    public void Dispose()
    {
        _files.Dispose();
        _certificates.Dispose();
    }

    [Theory]
    [InlineData(31, "OK")]
    [InlineData(29, "WARN")]
    [InlineData(-1, "FAIL")]
    public async Task Expiry_is_ok_until_30_days_before_then_a_warning_then_a_failure(int daysBeforeExpiry, string verdict)
    {
        var clock = new FakeTimeProvider(_files.LongLivedNotAfter.AddDays(-daysBeforeExpiry));

        var result = await ToolRunner.RunAsync(["doctor", .. _files.Settings(ClosedPort.Find(), _files.LongLived)], clock: clock);

        result.Out.Should().MatchRegex($@"\n  {verdict} +Expiry ");
    }

    [Fact]
    public async Task A_PEM_key_of_another_certificate_fails_the_key_match()
    {
        var (_, otherKey) = TestCertificates.WritePem(_files.Folder, "xyz", _certificates.ClientXyz);

        var result = await ToolRunner.RunAsync(["doctor", .. _files.Settings(ClosedPort.Find(), _files.HealthyPem), "--key", otherKey]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Key match          The key does not match: the private key in").And.Contain("belongs to another certificate");
    }

    [Fact]
    public async Task A_server_only_certificate_fails_the_client_authentication_check()
    {
        var serverOnly = TestCertificates.WritePfx(_files.Folder, "server.pfx", _certificates.Server, CertificateFiles.Password);

        var result = await ToolRunner.RunAsync(["doctor", .. _files.Settings(ClosedPort.Find(), serverOnly)]);

        result.Out.Should().Contain("FAIL  Client auth        The certificate is only for ").And.Contain("Server Authentication, not TLS client authentication");
    }

    [Fact]
    public async Task An_encrypted_PEM_key_without_a_password_says_that_the_password_is_missing()
    {
        var encryptedKey = Path.Combine(_files.Folder, "encrypted.key");
        using (var key = _certificates.ClientAbc.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(encryptedKey, key.ExportEncryptedPkcs8PrivateKeyPem("pw".AsSpan(), new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        }

        var result = await ToolRunner.RunAsync(["doctor", .. _files.Settings(ClosedPort.Find(), _files.HealthyPem), "--key", encryptedKey]);

        result.Out.Should().Contain("FAIL  Certificate file   The private key in").And.Contain("is encrypted, and no password is configured");
    }

    [Fact]
    public void The_subject_match_ignores_stars_and_case_as_the_SDK_warning_does()
    {
        CertificateChecks.SubjectNamesOperator("CN=deabc client, O=ABC", "DE*ABC").Should().BeTrue();
        CertificateChecks.SubjectNamesOperator("CN=DE*XYZ client", "DE*ABC").Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_OperatorID_fails_and_the_subject_is_not_compared()
    {
        var result = await ToolRunner.RunAsync(["doctor", "--base-address", ClosedPort.Find().ToString(), "--certificate", _files.Healthy, "--password-file", _files.PasswordFile]);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("FAIL  OperatorID         No OperatorID is configured.")
            .And.Contain("SKIP  Subject            No valid OperatorID to compare the subject with.");
    }

    [Fact]
    public void The_server_certificate_of_the_test_CA_is_for_server_authentication_only()
    {
        // Guards the client-auth case above: it relies on the test server certificate carrying only serverAuth.
        _certificates.Server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>()
            .Select(oid => oid.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
    }
}
