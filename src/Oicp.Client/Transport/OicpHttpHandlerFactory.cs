using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Oicp.Client.Certificates;


namespace Oicp.Client.Transport;

/// <summary>
/// Builds the primary HTTP handler: client certificate from the provider; server certificate validated by
/// the platform, or against exactly the configured trust roots. Never a RemoteCertificateValidationCallback,
/// so validation cannot be weakened here. Redirects are never followed: a 301/302/303 would turn the POST into
/// a GET whose answer could pass for an acknowledgement, a 307/308 would send the statuses and present the client
/// certificate to another host, and a redirect loop would make many requests that the rate limit counts as one.
/// </summary>
internal static class OicpHttpHandlerFactory
{
    /// <summary>Connections are renewed at this age, so DNS changes and rotated certificates take effect.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public static SocketsHttpHandler Create(ClientCertificateProvider certificates)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificates.Current!,
        };
        if (certificates.TrustRoots.Count > 0)
        {
            // Host-name validation stays with SslStream; only the set of trusted roots changes. The same revocation
            // setting as the default client handler, so custom roots are never weaker or stricter there.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(certificates.TrustRoots);
            policy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
            ssl.CertificateChainPolicy = policy;
        }

        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = PooledConnectionLifetime,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            SslOptions = ssl,
        };
    }
}
