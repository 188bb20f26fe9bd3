using System.Security.Cryptography.X509Certificates;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <c>AddOicpEvseStatusPusher</c> returns: the registration of one operator's pusher. It is the
/// <see cref="IHttpClientBuilder"/> of the SDK's HTTP client for that operator, so handlers are chained on it as on any
/// named client (<c>AddHttpMessageHandler</c>, <c>AddStandardResilienceHandler</c>,
/// <c>ConfigurePrimaryHttpMessageHandler</c>), and it is what <c>AddEvseStatusPublisher</c> (package Oicp.Client.Hosting) extends.
/// </summary>
public sealed class OicpClientBuilder : IHttpClientBuilder
{
    internal OicpClientBuilder(IServiceCollection services, OicpRegistrations.Registration registration)
    {
        Services = services;
        Registration = registration;
    }

    /// <summary>Gets the name of the SDK's HTTP client for this operator (<c>Oicp.Client</c>, or <c>Oicp.Client:</c> and the registration's name).</summary>
    public string Name => Registration.HttpClientName;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Gets the name the operator was registered under, its key for keyed services (<c>[FromKeyedServices("tenant-a")]</c>)
    /// and the name of its options; <see langword="null"/> for the default, unkeyed registration.
    /// </summary>
    public string? ServiceKey => Registration.ServiceKey;

    /// <summary>Gets the name of this registration's <see cref="OicpClientOptions"/> (empty for the default registration).</summary>
    internal string OptionsName => Registration.OptionsName;

    internal OicpRegistrations.Registration Registration { get; }

    /// <summary>
    /// Presents <paramref name="certificate"/> (with its private key) as the client certificate, instead of one loaded from
    /// <see cref="OicpClientOptions.ClientCertificatePath"/>: for a certificate from a key vault or a certificate store.
    /// </summary>
    /// <param name="certificate">The certificate Hubject issued, with its private key.</param>
    /// <returns>This registration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is <see langword="null"/>.</exception>
    public OicpClientBuilder UseClientCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Registration.Certificates.ClientCertificate = certificate;
        return this;
    }

    /// <summary>
    /// Validates Hubject's server certificate against exactly these CA certificates (added to any from
    /// <see cref="OicpClientOptions.ServerCertificateTrustRootsPath"/>) instead of the platform trust store: to pin Hubject's
    /// issuing CA, or to reach a test server with its own CA. Trust is narrowed, never widened: the chain must end in one
    /// of these roots, and the host name must still match.
    /// </summary>
    /// <param name="roots">The CA certificates.</param>
    /// <returns>This registration.</returns>
    /// <exception cref="ArgumentException"><paramref name="roots"/> is empty or holds <see langword="null"/>.</exception>
    public OicpClientBuilder TrustServerCertificateRoots(params X509Certificate2[] roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Length == 0 || Array.Exists(roots, root => root is null))
        {
            throw new ArgumentException("Give at least one CA certificate, and no null.", nameof(roots));
        }

        Registration.Certificates.TrustRoots.AddRange(roots);
        return this;
    }
}
