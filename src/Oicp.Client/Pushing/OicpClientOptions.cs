namespace Oicp.Client;

/// <summary>
/// Settings of the EVSE status client of one operator, all of them bindable from configuration (see the README for the
/// keys). Validated when the application starts (see <c>AddOicpEvseStatusPusher</c>); every error message says what to
/// fix. Certificates as objects rather than files are given to the registration (<c>UseClientCertificate</c>,
/// <c>TrustServerCertificateRoots</c>).
/// </summary>
public sealed class OicpClientOptions
{
    /// <summary>The configuration section name used in the documentation (<c>"Oicp"</c>).</summary>
    public const string DefaultSectionName = "Oicp";

    /// <summary>Gets the base address of Hubject QA.</summary>
    public static Uri QaBaseAddress { get; } = new("https://service-qa.hubject.com/api/oicp/");

    /// <summary>Gets the base address of Hubject production.</summary>
    public static Uri ProductionBaseAddress { get; } = new("https://service.hubject.com/api/oicp/");

    /// <summary>Gets or sets the Hubject environment. Defaults to <see cref="OicpEnvironment.Qa"/>, so a forgotten setting never reaches production.</summary>
    public OicpEnvironment Environment { get; set; } = OicpEnvironment.Qa;

    /// <summary>
    /// Gets or sets a base address that replaces the environment's, for an emulator or a proxy
    /// (for example <c>http://127.0.0.1:5080/api/oicp</c>). Must be https, except on a loopback address, and end
    /// with its path: the operation's path is appended, so a query or a fragment is refused. Redirects from it are
    /// never followed by the SDK's own handler. An address on Hubject's production host needs a client certificate.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the caller's OperatorID (required), the one linked to the client certificate. Hub operators give their own.</summary>
    public string? OperatorId { get; set; }

    /// <summary>Gets or sets the optional OperatorName sent with every push (at most 100 characters).</summary>
    public string? OperatorName { get; set; }

    /// <summary>Gets the OperatorIDs of sub-operators whose EVSEs a hub operator may push besides its own.</summary>
    public IList<string> SubOperatorIds { get; } = new List<string>();

    /// <summary>
    /// Gets or sets the path of the client certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>, opened
    /// with <see cref="ClientCertificatePassword"/>) or a PEM certificate (<c>.pem</c>, <c>.crt</c>, <c>.cer</c>)
    /// whose key is in <see cref="ClientCertificateKeyPath"/> or in the same file. When the path (or the password or key
    /// path) changes in a reloading configuration, new TLS connections present the new certificate.
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Gets or sets the password of the PKCS#12 file, or of an encrypted PEM key; leave it unset for an unencrypted PEM key. Never logged.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>Gets or sets the path of the PEM private key that belongs to a PEM <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientCertificateKeyPath { get; set; }

    /// <summary>
    /// Gets or sets the path of a PEM file (<c>.pem</c>, <c>.crt</c>) with the certificate authorities Hubject's server
    /// certificate must chain to. Unset (the default), the platform's trust store decides, as for any HTTPS client. Set,
    /// the SDK's own primary handler trusts exactly these roots and nothing else (not the platform store): the chain must
    /// end in one of them, the certificate must be valid for server authentication and its name must match the host.
    /// This narrows trust, for example to pin Hubject's issuing CA or to trust a test CA; it never switches validation off.
    /// Ignored when the primary handler is replaced with <c>ConfigurePrimaryHttpMessageHandler</c>.
    /// </summary>
    public string? ServerCertificateTrustRootsPath { get; set; }

    /// <summary>
    /// Gets or sets how long one attempt may take, from sending the request to having read the whole answer, before it
    /// counts as a (transient) timeout. A wait for room in the rate limit comes before it and does not count. Defaults to
    /// 30 seconds; at most about 49.7 days, the longest a timer accepts.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the retry policy for transient failures.</summary>
    public OicpRetryOptions Retry { get; } = new();

    /// <summary>Gets the client-side rate limit (2000 requests per minute by default).</summary>
    public OicpRateLimitOptions RateLimit { get; } = new();

    /// <summary>
    /// Gets or sets the largest response body the SDK reads, in bytes. A larger answer becomes an
    /// unreadable response instead of filling memory. Defaults to 1 MiB (acknowledgements are a few hundred bytes).
    /// </summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets the action type <see cref="IEvseStatusPusher.PushStatusAsync"/> uses. Defaults to
    /// <see cref="ActionType.Update"/>, which needs an existing status record (created by a fullLoad or an insert).
    /// </summary>
    public ActionType StatusChangeActionType { get; set; } = ActionType.Update;

    /// <summary>
    /// Gets or sets a value indicating whether the <c>*</c> and <c>+</c> of the OperatorID are
    /// percent-encoded in the URL path (<c>DE%2AABC</c>). Defaults to <see langword="false"/>: they are
    /// legal in a path segment (RFC 3986 sub-delimiters) and Hubject's examples show them as they are.
    /// </summary>
    public bool PercentEncodeOperatorIdInPath { get; set; }

    /// <summary>Returns the base address requests go to: <see cref="BaseAddress"/> when set, else the environment's.</summary>
    /// <returns>The base address, always ending with <c>/</c>.</returns>
    public Uri GetEffectiveBaseAddress()
    {
        var address = BaseAddress ?? (Environment == OicpEnvironment.Production ? ProductionBaseAddress : QaBaseAddress);
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    /// <summary>Gets a value indicating whether the requests go to Hubject production (by the environment, or a base address on its host), which requires a client certificate.</summary>
    internal bool GoesToProduction => BaseAddress is not { IsAbsoluteUri: false } &&
        string.Equals(GetEffectiveBaseAddress().Host, ProductionBaseAddress.Host, StringComparison.OrdinalIgnoreCase);
}
