using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Tests.DependencyInjection;

public sealed class OptionsValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ValidateOptionsResult Validate(OicpClientOptions options, OicpRegistrations? registrations = null) =>
        new OicpClientOptionsValidator(registrations ?? new OicpRegistrations()).Validate(Options.DefaultName, options);

    [Fact]
    public void Valid_options_pass()
    {
        Validate(new OicpClientOptions { OperatorId = "DE*ABC" }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, "OperatorId is required*")]
    [InlineData("", "OperatorId is required*")]
    [InlineData("DE*ABCD", "OperatorId 'DE*ABCD' is invalid*")]
    public void A_missing_or_invalid_OperatorId_says_what_to_set(string? operatorId, string message)
    {
        var result = Validate(new OicpClientOptions { OperatorId = operatorId });

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainMatch(message);
    }

    [Fact]
    public void Every_rule_reports_its_own_message()
    {
        var options = new OicpClientOptions
        {
            OperatorId = "DE*ABC",
            OperatorName = new string('x', 101),
            BaseAddress = new Uri("http://hubject.example/api/oicp"),
            RequestTimeout = TimeSpan.Zero,
            Environment = (OicpEnvironment)7,
            StatusChangeActionType = (ActionType)7,
        };
        options.SubOperatorIds.Add("bad");

        var failures = Validate(options).Failures;

        failures.Should().ContainMatch("SubOperatorIds[0] 'bad' is invalid*");
        failures.Should().ContainMatch("OperatorName is 101 characters long; OICP allows at most 100.");
        failures.Should().ContainMatch("BaseAddress 'http://hubject.example/api/oicp' uses plain http to a host that is not loopback*");
        failures.Should().ContainMatch("RequestTimeout must be positive*");
        failures.Should().ContainMatch("Environment '7' is not defined*");
        failures.Should().ContainMatch("StatusChangeActionType '7' is not defined*");
    }

    [Fact]
    public void An_OperatorId_with_a_trailing_line_break_is_refused_and_shown_escaped()
    {
        var options = new OicpClientOptions { OperatorId = "DE*ABC\n" };
        options.SubOperatorIds.Add("DE*XYZ\n");

        var failures = Validate(options).Failures;

        failures.Should().ContainMatch("OperatorId 'DE*ABC\\n' is invalid*");
        failures.Should().ContainMatch("SubOperatorIds[0] 'DE*XYZ\\n' is invalid*");
    }

    [Theory]
    [InlineData("https://proxy.example/api/oicp?tenant=1")]
    [InlineData("https://proxy.example/api/oicp/#x")]
    [InlineData("http://127.0.0.1:5080/api/oicp/?")]
    public void A_BaseAddress_with_a_query_or_a_fragment_is_refused(string address)
    {
        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", BaseAddress = new Uri(address) });

        result.Failures.Should().ContainSingle().Which.Should().Match($"BaseAddress '{address}' has a query or a fragment*must end with its path*");
    }

    [Fact]
    public void Waits_longer_than_a_timer_accepts_are_refused()
    {
        var options = new OicpClientOptions { OperatorId = "DE*ABC", RequestTimeout = TimeSpan.FromDays(100) };
        options.Retry.MaxDelay = TimeSpan.FromDays(60);
        options.RateLimit.Window = TimeSpan.FromDays(50);

        var failures = Validate(options).Failures;

        failures.Should().ContainMatch("RequestTimeout must be positive and at most 49.17:02:47.2940000 (the longest a timer accepts); it is 100.00:00:00.");
        failures.Should().ContainMatch("Retry.MaxDelay must be at most 49.17:02:47.2940000*60.00:00:00.");
        failures.Should().ContainMatch("RateLimit.PermitLimit must be 0 (off) or positive and RateLimit.Window positive and at most 49.17:02:47.2940000*");
        Validate(new OicpClientOptions { OperatorId = "DE*ABC", RequestTimeout = OicpClientOptionsValidator.MaxTimerDelay }).Succeeded.Should().BeTrue();
        var construct = () => new EvseStatusPusher(new HttpClientHandler(), options);
        construct.Should().Throw<ArgumentException>().WithMessage("*RequestTimeout must be positive and at most*");
    }

    [Fact]
    public void Retry_and_response_limits_report_their_own_messages()
    {
        var options = new OicpClientOptions { OperatorId = "DE*ABC", MaxResponseBytes = 1023 };
        options.Retry.MaxAttempts = 0;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(-1);
        options.Retry.TotalBudget = TimeSpan.Zero;

        var failures = Validate(options).Failures;

        failures.Should().ContainMatch("Retry.MaxAttempts must be at least 1 (1 turns retries off); it is 0.");
        failures.Should().ContainMatch("Retry.BaseDelay (-00:00:01) must not be negative, and Retry.MaxDelay (*) not smaller than it.");
        failures.Should().ContainMatch("Retry.TotalBudget must be positive (it is 00:00:00).");
        failures.Should().ContainMatch("MaxResponseBytes must be at least 1024 (it is 1023).");
        Validate(new OicpClientOptions { OperatorId = "DE*ABC", MaxResponseBytes = 1024 }).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(OicpEnvironment.Production, "https://service.hubject.com/api/oicp/")]
    [InlineData(OicpEnvironment.Qa, "https://SERVICE.hubject.com/api/oicp")]
    public void A_production_BaseAddress_without_a_client_certificate_is_refused(OicpEnvironment environment, string address)
    {
        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", Environment = environment, BaseAddress = new Uri(address) });

        result.Failures.Should().ContainSingle().Which.Should().Match("Production requires the client certificate Hubject issued (BaseAddress 'https://service.hubject.com/api/oicp*' is Hubject production): set ClientCertificate*");
    }

    [Fact]
    public void Production_with_another_BaseAddress_such_as_an_emulator_needs_no_certificate()
    {
        Validate(new OicpClientOptions { OperatorId = "DE*ABC", Environment = OicpEnvironment.Production, BaseAddress = new Uri("http://127.0.0.1:5080/api/oicp/") })
            .Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Plain_http_is_allowed_to_a_loopback_emulator()
    {
        Validate(new OicpClientOptions { OperatorId = "DE*ABC", BaseAddress = new Uri("http://127.0.0.1:5080/api/oicp") }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Production_without_a_client_certificate_is_refused()
    {
        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", Environment = OicpEnvironment.Production });

        result.Failures.Should().ContainMatch("Production requires the client certificate Hubject issued*");
    }

    [Fact]
    public void A_missing_certificate_file_is_named()
    {
        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = Path.Combine(_folder, "missing.pfx") });

        result.Failures.Should().ContainMatch("ClientCertificatePath '*missing.pfx' does not exist.");
    }

    [Fact]
    public void A_pfx_with_the_wrong_password_is_reported_as_unreadable()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var path = Path.Combine(_folder, "client.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "right"));

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = path, ClientCertificatePassword = "wrong" });

        result.Failures.Should().ContainSingle().Which.Should().Match("ClientCertificatePath '*client.pfx' cannot be read as a PKCS#12 (.pfx) file*ClientCertificatePassword*");
        result.Failures!.Single().Should().NotContain("wrong", "passwords are never echoed");
    }

    [Fact]
    public void A_pfx_with_the_right_password_and_PEM_files_load()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var pfx = Path.Combine(_folder, "client.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "right"));
        var pem = Path.Combine(_folder, "client.pem");
        var key = Path.Combine(_folder, "client.key");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pfx, ClientCertificatePassword = "right", Environment = OicpEnvironment.Production })
            .Succeeded.Should().BeTrue();
        Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pem, ClientCertificateKeyPath = key })
            .Succeeded.Should().BeTrue();
    }

    [Fact]
    public void An_unencrypted_PEM_key_with_a_password_is_refused_saying_the_password_is_not_needed()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var pem = Path.Combine(_folder, "client.pem");
        var key = Path.Combine(_folder, "client.key");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pem, ClientCertificateKeyPath = key, ClientCertificatePassword = "not-needed" });

        result.Failures.Should().ContainSingle().Which.Should()
            .Be($"ClientCertificateKeyPath '{key}' holds an unencrypted private key, so ClientCertificatePassword is not needed: remove it (a password opens a .pfx file or an encrypted PEM key, -----BEGIN ENCRYPTED PRIVATE KEY-----).");
    }

    [Fact]
    public void An_unencrypted_key_in_the_certificate_file_with_a_password_names_ClientCertificatePath()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var pem = Path.Combine(_folder, "client-and-key.pem");
        File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n" + certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pem, ClientCertificatePassword = "not-needed" });

        result.Failures.Should().ContainSingle().Which.Should().StartWith($"ClientCertificatePath '{pem}' holds an unencrypted private key, so ClientCertificatePassword is not needed");
    }

    [Fact]
    public void An_encrypted_PEM_key_opens_with_its_password()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var pem = Path.Combine(_folder, "client.pem");
        var key = Path.Combine(_folder, "client-encrypted.key");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        var encryption = new System.Security.Cryptography.PbeParameters(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 100_000);
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem("key-secret", encryption));

        Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pem, ClientCertificateKeyPath = key, ClientCertificatePassword = "key-secret" })
            .Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_PEM_certificate_without_its_key_is_refused()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var pem = Path.Combine(_folder, "only-cert.pem");
        File.WriteAllText(pem, certificate.ExportCertificatePem());

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = pem });

        result.Failed.Should().BeTrue();
        result.Failures!.Single().Should().StartWith($"ClientCertificatePath '{pem}' cannot be read as a PEM certificate and key");
    }

    [Fact]
    public void A_certificate_path_and_a_certificate_instance_together_are_refused()
    {
        using var certificate = TestCertificates.CreateSelfSigned("CN=DE*ABC");
        var registrations = new OicpRegistrations();
        registrations.Add(serviceKey: null, "Oicp.Client").Certificates.ClientCertificate = certificate;

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC", ClientCertificatePath = "/secrets/hubject.pfx" }, registrations);

        result.Failures.Should().ContainSingle().Which.Should().Be("ClientCertificatePath is set and a certificate was also given with UseClientCertificate; use one of them.");
    }

    [Fact]
    public void A_certificate_instance_without_private_key_is_refused()
    {
        using var withKey = TestCertificates.CreateSelfSigned("CN=DE*ABC");
#pragma warning disable SYSLIB0057 // test-only: a public-key-only copy
        using var publicOnly = new X509Certificate2(withKey.Export(X509ContentType.Cert));
#pragma warning restore SYSLIB0057

        var registrations = new OicpRegistrations();
        registrations.Add(serviceKey: null, "Oicp.Client").Certificates.ClientCertificate = publicOnly;

        var result = Validate(new OicpClientOptions { OperatorId = "DE*ABC" }, registrations);

        result.Failures.Should().ContainMatch("The certificate given with UseClientCertificate has no private key*");
    }
}
