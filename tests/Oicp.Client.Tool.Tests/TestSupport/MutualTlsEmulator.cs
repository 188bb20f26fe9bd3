using Oicp.Client.Testing;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>
/// The emulator over Kestrel on 127.0.0.1 with mutual TLS, as Hubject: a server certificate from the test
/// CA, client certificates required to chain to it, and each client certificate linked to its operator.
/// One per test class (an xunit class fixture), with the certificate files of every case.
/// </summary>
public sealed class MutualTlsEmulator : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private OicpEmulatorServer? _server;

    public MutualTlsEmulator()
    {
        Files = new CertificateFiles(_certificates);
        Emulator.RegisterOperator(OperatorId.Parse("DE*ABC"));
    }

    public OicpEmulator Emulator { get; } = new();

    public Uri BaseAddress => _server!.BaseAddress;

    internal CertificateFiles Files { get; }

    public async Task InitializeAsync()
    {
        var options = new OicpEmulatorServerOptions { ServerCertificate = _certificates.Server, ClientCertificateAuthority = _certificates.Authority };
        options.ClientCertificateOperators[_certificates.ClientAbc.Thumbprint] = OperatorId.Parse("DE*ABC");
        options.ClientCertificateOperators[_certificates.ClientXyz.Thumbprint] = OperatorId.Parse("DE*XYZ");
        _server = await OicpEmulatorServer.StartAsync(Emulator, options);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Files.Dispose();
        _certificates.Dispose();
    }
}
