using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oicp.Client.Diagnostics;

namespace Oicp.Client.Certificates;

/// <summary>
/// Holds the current client certificate and server trust roots and reloads them when the options change
/// (for example when the configuration file names a new certificate), so certificates rotate without a
/// restart. New TLS connections pick up the new certificate; pooled connections end within
/// <see cref="Transport.OicpHttpHandlerFactory.PooledConnectionLifetime"/>.
/// </summary>
internal sealed class ClientCertificateProvider : IDisposable
{
    private readonly IDisposable? _subscription;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _optionsName;
    private readonly OicpCertificates? _objects;

    // Replaced as a whole on a reload, so the certificate, the roots and the OperatorID always come from one version.
    private volatile Loaded _loaded;

    /// <summary>Initializes a new instance of the <see cref="ClientCertificateProvider"/> class for the options of one registration.</summary>
    public ClientCertificateProvider(IOptionsMonitor<OicpClientOptions> options, string optionsName, OicpCertificates? objects, ILogger<ClientCertificateProvider>? logger = null, TimeProvider? timeProvider = null)
    {
        _optionsName = optionsName;
        _objects = objects;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loaded = Load(options.Get(optionsName));
        _subscription = options.OnChange(Reload);
    }

    public X509Certificate2? Current => _loaded.Certificate;

    /// <summary>Gets the custom server trust roots; empty when the platform trust store decides.</summary>
    public X509Certificate2Collection TrustRoots => _loaded.TrustRoots;

    /// <summary>Logs what is wrong with the current certificate: another operator's, expiring or expired.</summary>
    public void LogCertificateWarnings()
    {
        if (_loaded is { Certificate: { } certificate } loaded)
        {
            ClientCertificateCheck.Log(_logger, certificate, loaded.OperatorId, _timeProvider.GetUtcNow());
        }
    }

    public void Dispose() => _subscription?.Dispose();

    private Loaded Load(OicpClientOptions options) =>
        new(ClientCertificateLoader.Load(options, _objects), ServerTrustRootsLoader.Load(options, _objects), options.OperatorId);

    private void Reload(OicpClientOptions options, string? name)
    {
        if ((name ?? Options.DefaultName) != _optionsName)
        {
            return;
        }

        try
        {
            _loaded = Load(options);
        }
        catch (InvalidOperationException exception)
        {
            // Keep the previous certificate: a half-written file during rotation must not break pushing.
            Log.CertificateReloadFailed(_logger, exception.Message);
            return;
        }

        if (_loaded.Certificate is { } current)
        {
            Log.CertificateReloaded(_logger, current.Thumbprint, ClientCertificateCheck.NotAfterUtc(current));
        }

        LogCertificateWarnings();
    }

    private sealed record Loaded(X509Certificate2? Certificate, X509Certificate2Collection TrustRoots, string? OperatorId);
}
