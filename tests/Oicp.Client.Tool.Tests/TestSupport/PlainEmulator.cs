using Oicp.Client.Testing;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>The emulator over plain HTTP on 127.0.0.1 with DE*ABC registered: for what does not depend on TLS.</summary>
public sealed class PlainEmulator : IAsyncLifetime
{
    private OicpEmulatorServer? _server;

    public OicpEmulator Emulator { get; } = new(new OicpEmulatorOptions { CallerOperatorId = OperatorId.Parse("DE*ABC") });

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>The settings flags for DE*ABC against this emulator.</summary>
    public string[] Settings => ["--base-address", BaseAddress.ToString(), "--operator-id", "DE*ABC"];

    public async Task InitializeAsync()
    {
        Emulator.RegisterOperator(OperatorId.Parse("DE*ABC"));
        _server = await OicpEmulatorServer.StartAsync(Emulator);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
