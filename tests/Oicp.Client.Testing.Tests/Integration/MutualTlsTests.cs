using System.Security.Cryptography.X509Certificates;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>
/// Mutual TLS through the SDK's own primary handler (no handler override): client certificate from a
/// PKCS#12 or PEM file, server validated against custom trust roots, and every refusal a TransportFailure.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private const string Password = "rotate-me";
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly TestCertificates _certificates = new();
    private readonly OicpEmulator _emulator = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-mtls-").FullName;
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _emulator.RegisterOperator(Abc);
        _server = await StartServerAsync(_certificates.Server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_PFX_client_certificate_and_the_test_CA_as_trust_root_push_over_mutual_TLS()
    {
        var pfx = TestCertificates.WritePfx(_folder, "client.pfx", _certificates.ClientAbc, Password);
        using var sdk = Sdk(certificate: null, configure: o =>
        {
            o.ClientCertificatePath = pfx;
            o.ClientCertificatePassword = Password;
        });

        var result = await sdk.Pusher.FullLoadAsync([new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);

        result.IsSuccess.Should().BeTrue(result.ToString());
        _emulator.GetStatuses(Abc).Should().ContainSingle();
    }

    [Fact]
    public async Task PEM_certificate_and_key_files_push_over_mutual_TLS()
    {
        var (certificatePath, keyPath) = TestCertificates.WritePem(_folder, "client", _certificates.ClientAbc);
        using var sdk = Sdk(certificate: null, configure: o =>
        {
            o.ClientCertificatePath = certificatePath;
            o.ClientCertificateKeyPath = keyPath;
        });

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.IsSuccess.Should().BeTrue(result.ToString());
    }

    [Fact]
    public async Task Trust_roots_from_a_PEM_file_are_enough_to_reach_the_server()
    {
        var rootsPath = Path.Combine(_folder, "roots.pem");
        await File.WriteAllTextAsync(rootsPath, _certificates.Authority.ExportCertificatePem());
        using var sdk = Sdk(_certificates.ClientAbc, trustTestAuthority: false, o => o.ServerCertificateTrustRootsPath = rootsPath);

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.IsSuccess.Should().BeTrue(result.ToString());
    }

    [Fact]
    public async Task Without_a_client_certificate_the_server_refuses_the_handshake_as_a_transport_failure()
    {
        using var sdk = Sdk(certificate: null);

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.ErrorMessage.Should().NotBeNullOrWhiteSpace();
        result.Exception.Should().NotBeNull();
        result.ErrorMessage.Should().Contain("client certificate", "the message must point at the certificate, not at Hubject's answer");
        _emulator.Requests.Should().BeEmpty("no request passes a refused handshake");
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused_in_the_handshake()
    {
        using var stranger = new TestCertificates();
        using var sdk = Sdk(stranger.ClientAbc);

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.ErrorMessage.Should().NotBeNullOrWhiteSpace();
        _emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_a_transport_failure_that_names_the_certificate()
    {
        using var sdk = Sdk(_certificates.ClientAbc, trustTestAuthority: false);

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure, "the platform store does not know the test CA and the SDK never bypasses it");
        var chain = Describe(result.Exception);
        chain.Should().Contain("AuthenticationException").And.Contain("certificate chain");
        result.ErrorMessage.Should().StartWith("TLS handshake failed: ").And.Contain("certificate");
        _emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Custom_trust_roots_still_validate_the_host_name()
    {
        using var elsewhere = _certificates.IssueServerFor("hubject.example");
        await using var server = await StartServerAsync(elsewhere);
        using var sdk = Sdk(_certificates.ClientAbc, trustTestAuthority: true, o => o.BaseAddress = server.BaseAddress);

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        Describe(result.Exception).Should().Contain("RemoteCertificateNameMismatch");
    }

    private SdkHost Sdk(X509Certificate2? certificate, bool trustTestAuthority = true, Action<OicpClientOptions>? configure = null) =>
        new(_server.BaseAddress, primaryHandler: null, configure, builder =>
        {
            if (trustTestAuthority)
            {
                builder.TrustServerCertificateRoots(_certificates.Authority);
            }

            if (certificate is not null)
            {
                builder.UseClientCertificate(certificate);
            }
        });

    private Task<OicpEmulatorServer> StartServerAsync(X509Certificate2 serverCertificate)
    {
        var options = new OicpEmulatorServerOptions
        {
            ServerCertificate = serverCertificate,
            ClientCertificateAuthority = _certificates.Authority,
        };
        options.ClientCertificateOperators[_certificates.ClientAbc.Thumbprint] = Abc;
        return OicpEmulatorServer.StartAsync(_emulator, options);
    }

    private static string Describe(Exception? exception)
    {
        var parts = new List<string>();
        for (; exception is not null; exception = exception.InnerException)
        {
            parts.Add(exception.GetType().Name + ": " + exception.Message);
        }

        return string.Join(" | ", parts);
    }
}
