namespace Oicp.Client;

/// <summary>
/// The client-side rate limit of one operator, shared by its pusher and its publisher. It counts every HTTP request of
/// the operator that reaches the wire (the SDK's retries and those of handlers chained on its HTTP client included), each
/// from the moment its answer is read, so that no window at Hubject holds more. Hubject's Acceptable Use Policy allows
/// 2000 eRoamingPushEvseStatus calls per minute. The limit is per process: several processes pushing for one operator
/// share Hubject's limit.
/// </summary>
public sealed class OicpRateLimitOptions
{
    /// <summary>Gets or sets the most requests in any window of <see cref="Window"/>, wherever it begins. 0 turns the limit off. Defaults to 2000.</summary>
    public int PermitLimit { get; set; } = 2000;

    /// <summary>Gets or sets the length of the sliding window. Defaults to 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
