using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Integration;

/// <summary>Certificate rotation without a restart: change the configured file, reload the configuration, and new TLS connections present the new certificate.</summary>
public sealed class CertificateRotationTests : IAsyncLifetime
{
    private static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");
    private readonly TestCertificates _certificates = new();
    private readonly OicpEmulator _emulator = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-rotation-").FullName;
    private OicpEmulatorServer _server = null!;

    public async Task InitializeAsync() => _emulator.RegisterOperator(Abc);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task After_a_configuration_reload_new_connections_present_the_new_certificate()
    {
        using var renewed = _certificates.IssueClient("CN=DE*ABC client 2026");
        var options = new OicpEmulatorServerOptions { ServerCertificate = _certificates.Server, ClientCertificateAuthority = _certificates.Authority };

        // Hubject links only the renewed certificate to the operator: the old one is answered 401/017.
        options.ClientCertificateOperators[renewed.Thumbprint] = Abc;
        _server = await OicpEmulatorServer.StartAsync(_emulator, options);
        var rootsPath = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(rootsPath, _certificates.Authority.ExportCertificatePem());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oicp:OperatorId"] = "DE*ABC",
            ["Oicp:BaseAddress"] = _server.BaseAddress.ToString(),
            ["Oicp:ServerCertificateTrustRootsPath"] = rootsPath,
            ["Oicp:ClientCertificatePath"] = TestCertificates.WritePfx(_folder, "old.pfx", _certificates.ClientAbc, "old"),
            ["Oicp:ClientCertificatePassword"] = "old",
            ["Oicp:Retry:MaxAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();
        var pusher = provider.GetRequiredService<IEvseStatusPusher>();

        var before = await pusher.FullLoadAsync([]);

        configuration["Oicp:ClientCertificatePath"] = TestCertificates.WritePfx(_folder, "new.pfx", renewed, "new");
        configuration["Oicp:ClientCertificatePassword"] = "new";
        configuration.Reload();

        // The pooled connection still carries the old certificate until it ends (at most PooledConnectionLifetime);
        // the server ending it here stands in for that, so the next push opens a new TLS connection.
        _emulator.Faults.Enqueue(EmulatorFault.DropConnection());
        var onOldConnection = await pusher.FullLoadAsync([]);
        var after = await pusher.FullLoadAsync([]);

        before.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess, "the old certificate is not linked to the operator");
        onOldConnection.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        after.IsSuccess.Should().BeTrue(after.ToString());
        _emulator.GetHistory(Abc).Should().ContainSingle();
    }
}
