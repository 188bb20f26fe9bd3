namespace Oicp.Client;

/// <summary>
/// The client-side rate limit of one operator's pushes, counting every HTTP request (retries
/// included). Hubject's Acceptable Use Policy allows 2000 eRoamingPushEvseStatus calls per minute.
/// </summary>
public sealed class OicpRateLimitOptions
{
    /// <summary>Gets or sets the most requests in any window of <see cref="Window"/>. 0 turns the limit off. Defaults to 2000.</summary>
    public int PermitLimit { get; set; } = 2000;

    /// <summary>Gets or sets the length of the sliding window. Defaults to 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
