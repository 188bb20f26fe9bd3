using System.Security.Cryptography.X509Certificates;

namespace Oicp.Client.Certificates;

/// <summary>
/// Certificates given as objects (<c>UseClientCertificate</c>, <c>TrustServerCertificateRoots</c>) rather than as files in
/// <see cref="OicpClientOptions"/>: objects cannot come from configuration, so they live beside the bound options.
/// </summary>
internal sealed class OicpCertificates
{
    public X509Certificate2? ClientCertificate { get; set; }

    public List<X509Certificate2> TrustRoots { get; } = [];
}
