using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Oicp.Client.Internal;

/// <summary>
/// Holds the current client certificate and reloads it when the options change (for example when
/// the configuration file names a new certificate), so certificates rotate without a restart.
/// New TLS connections pick up the new certificate; pooled connections end within
/// <see cref="OicpHttpHandlerFactory.PooledConnectionLifetime"/>.
/// </summary>
internal sealed class ClientCertificateProvider : IDisposable
{
    private readonly IDisposable? _subscription;
    private volatile X509Certificate2? _current;

    public ClientCertificateProvider(IOptionsMonitor<OicpClientOptions> options)
    {
        _current = ClientCertificateLoader.Load(options.CurrentValue);
        _subscription = options.OnChange(Reload);
    }

    public X509Certificate2? Current => _current;

    public void Dispose() => _subscription?.Dispose();

    private void Reload(OicpClientOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        try
        {
            _current = ClientCertificateLoader.Load(options);
        }
        catch (InvalidOperationException)
        {
            // Keep the previous certificate: a half-written file during rotation must not break pushing.
            // The options validator reports the bad file at the next start-up.
        }
    }
}
