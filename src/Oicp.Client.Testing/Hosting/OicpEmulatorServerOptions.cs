using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Testing;

/// <summary>Settings of an <see cref="OicpEmulatorServer"/>.</summary>
public sealed class OicpEmulatorServerOptions
{
    /// <summary>Gets or sets the port to listen on, on 127.0.0.1. Defaults to 0: a free port chosen by the system (read it from <see cref="OicpEmulatorServer.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the server certificate (with private key). When set the server speaks HTTPS only and
    /// requires a client certificate (mutual TLS), as Hubject does; when <see langword="null"/> it speaks plain HTTP.
    /// </summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// Gets or sets the certificate authority client certificates must chain to (validated with a custom
    /// root trust, independent of the machine's stores). When <see langword="null"/>, any client
    /// certificate is accepted for the handshake and only <see cref="ClientCertificateOperators"/> decides.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; set; }

    /// <summary>
    /// Gets the operators that client certificates are linked to, by certificate thumbprint (SHA-1, hex,
    /// any case). When not empty, the caller's identity comes from its certificate: a certificate that is not
    /// listed, or a request for another operator, is answered HTTP 401 with code 017. When empty, the
    /// emulator's <see cref="OicpEmulator.CallerOperatorId"/> applies.
    /// </summary>
    public IDictionary<string, OperatorId> ClientCertificateOperators { get; } = new Dictionary<string, OperatorId>(StringComparer.OrdinalIgnoreCase);
}
