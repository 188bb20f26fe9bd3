using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Oicp.Client.Tool;

/// <summary>
/// The network checks: DNS, TCP connect, and the TLS handshake with the client certificate against the
/// configured base address, followed by one harmless GET so that a server refusing the certificate
/// after a TLS 1.3 handshake is noticed too. The server certificate is validated as the SDK does it:
/// by the platform, or against exactly the configured trust roots.
/// </summary>
internal sealed class EndpointProbe(Uri baseAddress, X509Certificate2? clientCertificate, X509Certificate2Collection trustRoots, TimeSpan timeout)
{
    private const string NotReached = "Not reached.";

    public async Task RunAsync(ToolReport report, CancellationToken cancellationToken)
    {
        var host = baseAddress.IdnHost;
        var addresses = await ResolveAsync(host, report, cancellationToken);
        if (addresses is null)
        {
            report.Add(Check.Skip("network.tcp", "TCP connect", NotReached));
            SkipTls(report);
            return;
        }

        using var socket = await ConnectAsync(addresses, report, cancellationToken);
        if (socket is null)
        {
            SkipTls(report);
            return;
        }

        if (baseAddress.Scheme == Uri.UriSchemeHttps)
        {
            report.Add(await HandshakeAsync(socket, host, cancellationToken));
        }
        else
        {
            report.Add(Check.Warn("network.tls", "TLS handshake", $"Plain HTTP to {baseAddress.Authority}: no TLS, so the client certificate is not exercised.", "Fine for a local emulator; Hubject is reached over https only."));
        }
    }

    private void SkipTls(ToolReport report)
    {
        if (baseAddress.Scheme == Uri.UriSchemeHttps)
        {
            report.Add(Check.Skip("network.tls", "TLS handshake", NotReached));
        }
    }

    private async Task<IPAddress[]?> ResolveAsync(string host, ToolReport report, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            report.Add(Check.Ok("network.dns", "DNS", $"{host} is an IP address; no lookup needed."));
            return [literal];
        }

        using var timeoutSource = Timeout(cancellationToken);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeoutSource.Token);
            if (addresses.Length > 0)
            {
                report.Add(Check.Ok("network.dns", "DNS", $"{host} resolves to {string.Join(", ", addresses.Select(address => address.ToString()))}."));
                return addresses;
            }
        }
        catch (SocketException exception)
        {
            report.Add(CannotResolve(host, exception.SocketErrorCode.ToString()));
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report.Add(CannotResolve(host, "no answer within " + Seconds(timeout)));
            return null;
        }

        report.Add(CannotResolve(host, "no address"));
        return null;
    }

    private static Check CannotResolve(string host, string reason) => Check.Fail(
        "network.dns",
        "DNS",
        $"Could not resolve {host} ({reason}): the endpoint could not be reached. Every local check above still ran.",
        "Check that this machine has a network and a DNS server, and the host name of the base address.");

    private async Task<Socket?> ConnectAsync(IPAddress[] addresses, ToolReport report, CancellationToken cancellationToken)
    {
        var endpoint = $"{baseAddress.IdnHost}:{baseAddress.Port.ToString(CultureInfo.InvariantCulture)}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var started = Stopwatch.GetTimestamp();
        using var timeoutSource = Timeout(cancellationToken);
        try
        {
            await socket.ConnectAsync(addresses, baseAddress.Port, timeoutSource.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            report.Add(Check.Ok("network.tcp", "TCP connect", string.Create(CultureInfo.InvariantCulture, $"Connected to {endpoint} ({socket.RemoteEndPoint}) in {elapsed.TotalMilliseconds:F0} ms.")));
            return socket;
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            report.Add(exception.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => Check.Fail(
                    "network.tcp",
                    "TCP connect",
                    $"Nothing listens on {endpoint} (connection refused).",
                    "Check the base address and its port; for Hubject, an outgoing firewall or proxy of yours may refuse the connection."),
                SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown => Check.Fail(
                    "network.tcp",
                    "TCP connect",
                    $"No route to {endpoint} ({exception.SocketErrorCode}): the endpoint could not be reached.",
                    "Check this machine's network connection and routes."),
                _ => Check.Fail("network.tcp", "TCP connect", $"Could not connect to {endpoint}: {exception.Message} ({exception.SocketErrorCode}).", "Check the base address, the network and outgoing firewall rules."),
            });
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            report.Add(Check.Fail(
                "network.tcp",
                "TCP connect",
                $"No answer from {endpoint} within {Seconds(timeout)}: the connection attempt is silently dropped.",
                "A firewall drops the traffic: allow outgoing TCP to this host and port (443 for Hubject)."));
            return null;
        }
    }

    private async Task<Check> HandshakeAsync(Socket socket, string host, CancellationToken cancellationToken)
    {
        var server = new ServerCertificateRecorder();
        using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = server.Validate,
        };
        if (clientCertificate is not null)
        {
            options.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        if (trustRoots.Count > 0)
        {
            options.CertificateChainPolicy = CustomRootPolicy(trustRoots);
        }

        using var timeoutSource = Timeout(cancellationToken);
        try
        {
            await stream.AuthenticateAsClientAsync(options, timeoutSource.Token);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return server.Errors != SslPolicyErrors.None ? UntrustedServer(server) : Refused(exception, afterHandshake: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Check.Fail("network.tls", "TLS handshake", $"The TLS handshake did not complete within {Seconds(timeout)}.", "Check that the port speaks TLS (https) and that no proxy holds the connection.");
        }

        // In TLS 1.3 the server judges the client certificate after the client's side of the handshake is done:
        // a refusal only shows when reading. One GET of the base path (no side effects) brings it out.
        int? httpStatus;
        try
        {
            httpStatus = await ProbeAsync(stream, timeoutSource.Token);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return Refused(exception, afterHandshake: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            httpStatus = null;
        }

        var certificate = server.Certificate!;
        var session = string.Create(CultureInfo.InvariantCulture, $"{Describe(stream.SslProtocol)} {(clientCertificate is null ? "without a client certificate" : "with the client certificate")}; server certificate: {CertificateText.Describe(certificate)}.");
        if (httpStatus == (int)HttpStatusCode.Forbidden)
        {
            return Check.Warn(
                "network.tls",
                "TLS handshake",
                $"{session} The server answered HTTP 403 Forbidden to a GET of {baseAddress.AbsolutePath}.",
                "Hubject's firewall answers 403 when the IP address you connect from is not on its allow-list: ask Hubject to allow-list your egress IP for this environment (QA and production are separate). --push tells for sure.");
        }

        if (httpStatus is null)
        {
            return Check.Warn("network.tls", "TLS handshake", $"{session} The server did not answer a GET within {Seconds(timeout)}.", "The session was accepted; if pushes time out, check proxies between you and the server.");
        }

        return Check.Ok("network.tls", "TLS handshake", string.Create(CultureInfo.InvariantCulture, $"{session} The server answered a GET of {baseAddress.AbsolutePath} with HTTP {httpStatus}, so it accepted the session."));
    }

    private async Task<int?> ProbeAsync(SslStream stream, CancellationToken cancellationToken)
    {
        var request = $"GET {baseAddress.AbsolutePath} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUser-Agent: oicp-doctor\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        await stream.FlushAsync(cancellationToken);

        var buffer = new byte[256];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
            {
                break;
            }
        }

        if (length == 0)
        {
            throw new IOException("The server closed the connection without an answer.");
        }

        // "HTTP/1.1 404 Not Found"
        var statusLine = Encoding.ASCII.GetString(buffer, 0, length).Split('\n')[0];
        var parts = statusLine.Split(' ', 3);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null;
    }

    private Check Refused(Exception exception, bool afterHandshake)
    {
        var when = afterHandshake ? "ended the session right after the TLS handshake" : "refused the TLS handshake";
        if (clientCertificate is null)
        {
            return Check.Fail(
                "network.tls",
                "TLS handshake",
                $"The server {when} without a client certificate ({Reason(exception)}).",
                "The server requires a client certificate, as Hubject does: configure the one Hubject issued (--certificate).");
        }

        return Check.Fail(
            "network.tls",
            "TLS handshake",
            $"The server {when}: it did not accept the client certificate ({Reason(exception)}).",
            "The server does not accept this certificate: a QA certificate used against production (or the other way round), an expired or revoked certificate, or one Hubject did not issue. Check the environment and the certificate lines above; Hubject support can tell which certificate it expects.");
    }

    private static Check UntrustedServer(ServerCertificateRecorder server)
    {
        var certificate = server.Certificate;
        var what = certificate is null ? "The server sent no certificate" : $"The server's certificate ({CertificateText.Describe(certificate)})";
        if ((server.Errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return Check.Fail("network.tls", "TLS handshake", $"{what} is not issued for this host name.", "Check the host of the base address: it must be the name the server certificate is issued for (service-qa.hubject.com or service.hubject.com).");
        }

        var problems = server.ChainProblems.Count > 0 ? string.Join(", ", server.ChainProblems) : server.Errors.ToString();
        if (server.ChainProblems.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            return Check.Fail("network.tls", "TLS handshake", $"{what} has expired or is not yet valid ({problems}).", "Check this machine's clock; if it is right, the server is misconfigured.");
        }

        return Check.Fail(
            "network.tls",
            "TLS handshake",
            $"{what} is not trusted: it is issued by an unknown CA ({problems}).",
            "If you set trust roots (--trust-roots, Oicp:ServerCertificateTrustRootsPath), they must include this issuer; check that the base address is the environment you mean (QA or production). Never switch validation off.");
    }

    private static X509ChainPolicy CustomRootPolicy(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(roots);
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        return policy;
    }

    private static string Reason(Exception exception) =>
        exception.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message) ? $"{exception.Message} {inner.Message}" : exception.Message;

    private static string Describe(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        var other => other.ToString(),
    };

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s");

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    /// <summary>Keeps the server certificate and the validation verdict for the report; never accepts what validation refused.</summary>
    private sealed class ServerCertificateRecorder
    {
        public X509Certificate2? Certificate { get; private set; }

        public SslPolicyErrors Errors { get; private set; }

        public List<X509ChainStatusFlags> ChainProblems { get; } = [];

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            Certificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            Errors = errors;
            if (chain is not null)
            {
                ChainProblems.AddRange(chain.ChainStatus.Select(status => status.Status).Distinct());
            }

            return errors == SslPolicyErrors.None;
        }
    }
}
