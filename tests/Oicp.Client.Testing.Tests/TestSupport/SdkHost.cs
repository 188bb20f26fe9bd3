using Microsoft.Extensions.DependencyInjection;

namespace Oicp.Client.Testing.Tests.TestSupport;

/// <summary>Registers the SDK exactly as an application does, with the primary handler chosen by the test.</summary>
internal sealed class SdkHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public SdkHost(Uri baseAddress, Func<HttpMessageHandler>? primaryHandler = null, Action<OicpClientOptions>? configure = null, Action<OicpClientBuilder>? register = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddOicpEvseStatusPusher(o =>
        {
            o.OperatorId = "DE*ABC";
            o.BaseAddress = baseAddress;

            // One attempt per push, so each scripted fault maps to one result; retries are tested in Oicp.Client.Tests.
            o.Retry.MaxAttempts = 1;
            configure?.Invoke(o);
        });
        if (primaryHandler is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }

        register?.Invoke(builder);

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Pusher = _provider.GetRequiredService<IEvseStatusPusher>();
    }

    public IEvseStatusPusher Pusher { get; }

    public void Dispose() => _provider.Dispose();
}
