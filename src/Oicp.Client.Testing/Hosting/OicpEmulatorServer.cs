using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Oicp.Client.Testing.Internal;

namespace Oicp.Client.Testing;

/// <summary>
/// A real HTTP(S) server on 127.0.0.1 (Kestrel) that answers as an <see cref="OicpEmulator"/>, for
/// integration tests and samples that go through sockets, TLS and client certificates.
/// Dispose it to stop listening.
/// </summary>
/// <example>
/// <code>
/// await using var server = await OicpEmulatorServer.StartAsync(emulator);
/// services.AddOicpEvseStatusPusher(o => { o.OperatorId = "DE*ABC"; o.BaseAddress = server.BaseAddress; });
/// </code>
/// </example>
public sealed class OicpEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OicpEmulatorServerOptions _options;
    private readonly EmulatorRequestProcessor _processor;
    private int _disposed;

    private OicpEmulatorServer(WebApplication app, OicpEmulator emulator, OicpEmulatorServerOptions options)
    {
        _app = app;
        _options = options;
        Emulator = emulator;
        _processor = emulator.Processor;
    }

    /// <summary>Gets the emulator answering the requests.</summary>
    public OicpEmulator Emulator { get; }

    /// <summary>Gets the base address to configure clients with, for example <c>http://127.0.0.1:51234/api/oicp/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts listening on 127.0.0.1.</summary>
    /// <param name="emulator">The emulator that answers.</param>
    /// <param name="options">The settings; plain HTTP on a free port when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server.</returns>
    public static async Task<OicpEmulatorServer> StartAsync(OicpEmulator emulator, OicpEmulatorServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        options ??= new OicpEmulatorServerOptions();
        if (options.ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("ServerCertificate has no private key.", nameof(options));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The emulator applies its own MaxRequestBodyBytes, in process and here alike, with Hubject's fault body.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => Listen(listen, options));
        });

        var app = builder.Build();
        var server = new OicpEmulatorServer(app, emulator, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.ServerCertificate is null ? "http" : "https";
        server.BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{port}/api/oicp/"));
        return server;
    }

    /// <summary>Stops listening and releases the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Listen(ListenOptions listen, OicpEmulatorServerOptions options)
    {
        if (options.ServerCertificate is { } certificate)
        {
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (client, _, _) => IsTrustedClient(client, options.ClientCertificateAuthority),
            });
        }
    }

    private static bool IsTrustedClient(X509Certificate2 client, X509Certificate2? authority)
    {
        if (authority is null)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(client);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var request = context.Request;
        var exchange = new EmulatorExchange(request.Method, rawPath, request.ContentType, request.ContentLength, request.Body.CopyToAsync, IdentifyCaller(context.Connection.ClientCertificate));

        EmulatorReply reply;
        try
        {
            reply = await _processor.ProcessAsync(exchange, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (reply.DropConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.Headers["Process-ID"] = reply.ProcessId;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (reply.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private CertificateIdentity? IdentifyCaller(X509Certificate2? certificate)
    {
        if (_options.ClientCertificateOperators.Count == 0)
        {
            return null;
        }

        return certificate is not null && _options.ClientCertificateOperators.TryGetValue(certificate.Thumbprint, out var operatorId)
            ? new CertificateIdentity(operatorId)
            : new CertificateIdentity(null);
    }
}
