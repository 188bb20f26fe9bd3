using System.Net.Security;

namespace Oicp.Client.Internal;

/// <summary>Builds the primary HTTP handler: client certificate from the provider, default server-certificate validation.</summary>
internal static class OicpHttpHandlerFactory
{
    /// <summary>Connections are renewed at this age, so DNS changes and rotated certificates take effect.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    public static SocketsHttpHandler Create(ClientCertificateProvider certificates) => new()
    {
        PooledConnectionLifetime = PooledConnectionLifetime,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        SslOptions = new SslClientAuthenticationOptions
        {
            // No RemoteCertificateValidationCallback: the server certificate is always validated by the platform.
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificates.Current!,
        },
    };
}
