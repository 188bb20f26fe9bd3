using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Doctor;

/// <summary>
/// <c>oicp doctor</c> against the emulator over mutual TLS, one certificate case each: the verdict
/// line that matters and the exit code, not whole screens.
/// </summary>
public sealed class DoctorCertificateCaseTests(MutualTlsEmulator server) : IClassFixture<MutualTlsEmulator>
{
    private CertificateFiles Files => server.Files;

    [Fact]
    public async Task A_healthy_PKCS12_setup_passes_every_check_and_exits_0()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.Healthy)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("OK    Certificate file").And.Contain("read as PKCS#12")
            .And.Contain("OK    Key match")
            .And.Contain("OK    Subject            The subject 'CN=DE*ABC client' names DE*ABC.")
            .And.Contain("OK    Chain")
            .And.Contain("OK    TLS handshake      TLS 1.")
            .And.Contain("server certificate: subject CN=127.0.0.1, issuer CN=Oicp.Client test CA")
            .And.NotContain("FAIL");
    }

    [Fact]
    public async Task A_healthy_PEM_certificate_with_its_key_file_passes_the_TLS_handshake()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.HealthyPem), "--key", Files.HealthyPemKey]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("read as PEM").And.Contain("OK    TLS handshake");
    }

    [Fact]
    public async Task An_expired_certificate_fails_with_the_date_and_what_to_do_and_the_server_refuses_it()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.Expired)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Expiry             The certificate expired on ")
            .And.Contain("Order a new client certificate from Hubject")
            .And.Contain("FAIL  TLS handshake").And.Contain("did not accept the client certificate");
    }

    [Fact]
    public async Task A_certificate_whose_subject_names_another_operator_fails_with_017_explained()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.OtherOperator)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Subject            The subject 'CN=DE*XYZ client' does not name OperatorID DE*ABC")
            .And.Contain("017 Unauthorized Access");
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_fails_the_key_check()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.WithoutKey)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Private key").And.Contain("without its private key")
            .And.Contain("--key FILE");
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_such_and_the_network_is_still_checked()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.Healthy, Files.WrongPasswordFile)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Certificate file   The configured password does not open")
            .And.Contain("--password-file FILE")
            .And.Contain("OK    TCP connect")
            .And.NotContain("Key match");
    }

    [Fact]
    public async Task A_server_certificate_from_an_unknown_CA_is_reported_as_untrusted()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(server.BaseAddress, Files.Healthy, trustTestCa: false)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  TLS handshake      The server's certificate (subject CN=127.0.0.1, issuer CN=Oicp.Client test CA")
            .And.Contain("is not trusted: it is issued by an unknown CA")
            .And.Contain("--trust-roots");
    }

    [Fact]
    public async Task Nothing_listening_on_the_port_fails_TCP_and_still_checks_everything_local()
    {
        var closedPort = ClosedPort.Find();

        var result = await ToolRunner.RunAsync(["doctor", .. Files.Settings(closedPort, Files.Healthy)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain($"FAIL  TCP connect        Nothing listens on 127.0.0.1:{closedPort.Port} (connection refused).")
            .And.Contain("SKIP  TLS handshake      Not reached.")
            .And.Contain("OK    Certificate file")
            .And.Contain("OK    Key match")
            .And.Contain("Expiry             Valid until");
    }

    [Fact]
    public async Task Without_a_client_certificate_the_server_refuses_the_session_and_doctor_says_which_certificate_to_set()
    {
        var result = await ToolRunner.RunAsync(["doctor", "--base-address", server.BaseAddress.ToString(), "--operator-id", "DE*ABC", "--trust-roots", Files.TrustRoots]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("WARN  Certificate file   No client certificate is configured")
            .And.Contain("FAIL  TLS handshake").And.Contain("without a client certificate");
    }
}
