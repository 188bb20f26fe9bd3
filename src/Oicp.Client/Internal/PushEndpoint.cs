namespace Oicp.Client.Internal;

/// <summary>
/// Where and how a pusher's generated clients send, built once per pusher: a generated client is made
/// per attempt (the HttpClient may come from a factory each time), this outlives it.
/// </summary>
internal sealed class PushEndpoint(Uri baseAddress, bool percentEncodeOperatorId, long maxResponseBytes)
{
    /// <summary>Gets the absolute base address the operation's path is appended to.</summary>
    public string BaseUrl { get; } = baseAddress.AbsoluteUri;

    public bool PercentEncodeOperatorId { get; } = percentEncodeOperatorId;

    public long MaxResponseBytes { get; } = maxResponseBytes;

    /// <summary>Gets or sets the Uri of the last request, reused while the URL stays the same.</summary>
    public Uri? LastRequestUri { get; set; }
}
