using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

public sealed class SdkOverHttpsTests : IAsyncLifetime
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private static readonly OperatorId Xyz = OperatorId.Parse("DE*XYZ");
    private readonly TestCertificates _certificates = new();
    private readonly OicpEmulator _emulator = new();
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _emulator.RegisterOperator(Abc);
        _emulator.RegisterOperator(Xyz);
        var options = new OicpEmulatorServerOptions
        {
            ServerCertificate = _certificates.Server,
            ClientCertificateAuthority = _certificates.Authority,
        };
        options.ClientCertificateOperators[_certificates.ClientAbc.Thumbprint] = Abc;
        options.ClientCertificateOperators[_certificates.ClientXyz.Thumbprint] = Xyz;
        _server = await OicpEmulatorServer.StartAsync(_emulator, options);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task The_SDK_pushes_over_mutual_TLS_with_the_certificate_linked_to_its_operator()
    {
        using var sdk = new SdkHost(_server.BaseAddress, () => _certificates.Handler(_certificates.ClientAbc));

        var result = await sdk.Pusher.FullLoadAsync([new EvseStatusRecord(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available)]);

        _server.BaseAddress.Scheme.Should().Be("https");
        result.IsSuccess.Should().BeTrue(result.ToString());
        _emulator.GetStatuses(Abc).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_certificate_linked_to_another_operator_is_answered_401_with_017()
    {
        using var sdk = new SdkHost(_server.BaseAddress, () => _certificates.Handler(_certificates.ClientXyz));

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
        result.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess);
        _emulator.GetHistory(Abc).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_client_certificate_the_handshake_fails_as_a_transport_failure()
    {
        using var sdk = new SdkHost(_server.BaseAddress, () => _certificates.Handler(client: null));

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        _emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_client_certificate_from_another_authority_is_refused_in_the_handshake()
    {
        using var stranger = new TestCertificates();
        using var sdk = new SdkHost(_server.BaseAddress, () => _certificates.Handler(stranger.ClientAbc));

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        _emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_SDK_default_handler_does_not_trust_the_test_CA()
    {
        using var sdk = new SdkHost(_server.BaseAddress, register: builder => builder.UseClientCertificate(_certificates.ClientAbc));

        var result = await sdk.Pusher.FullLoadAsync([]);

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure, "the SDK never weakens server-certificate validation");
        _emulator.Requests.Should().BeEmpty();
    }
}
