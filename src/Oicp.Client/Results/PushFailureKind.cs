namespace Oicp.Client;

/// <summary>Why a push did not succeed.</summary>
public enum PushFailureKind
{
    /// <summary>The push succeeded: Hubject answered Result <c>true</c> with code <c>000</c>.</summary>
    None = 0,

    /// <summary>Hubject read the request and refused it: an acknowledgement with Result <c>false</c> or a code other than <c>000</c>. See <see cref="PushResult.OicpCode"/>.</summary>
    Rejected = 1,

    /// <summary>An HTTP status other than 200 (400 with validation errors, 401 with 017, 403 from the firewall, 404 with 300, 408, 429, 5xx...). See <see cref="PushResult.HttpStatusCode"/>.</summary>
    HttpError = 2,

    /// <summary>No answer arrived: connection refused or reset, TLS failure, DNS failure or timeout. See <see cref="PushResult.IsTimeout"/> and <see cref="PushResult.Exception"/>.</summary>
    TransportFailure = 3,

    /// <summary>An HTTP 200 arrived whose body is not a readable acknowledgement (empty, truncated, HTML, missing StatusCode, too large).</summary>
    UnreadableResponse = 4,
}
