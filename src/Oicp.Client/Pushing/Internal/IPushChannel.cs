namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// What the publisher needs of the operator's pusher: one attempt per call (the publisher owns the retries of
/// its background traffic: it always resends the latest status, never an old request), the operator's one
/// rate limiter to plan with, and the backoff settings. <see cref="EvseStatusPusher"/> is one; any other
/// <see cref="IEvseStatusPusher"/> is adapted by the publisher's <c>PusherChannel</c>.
/// </summary>
internal interface IPushChannel
{
    /// <summary>Gets the operator's rate limiter, shared with every other push of the operator.</summary>
    ExactSlidingWindowRateLimiter RateLimiter { get; }

    /// <summary>Gets the backoff settings for the publisher's tries.</summary>
    OicpRetryOptions Retry { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when the EVSE cannot be pushed by this operator.</summary>
    void CheckEvse(EvseId evseId, string parameterName);

    /// <summary>Sends status changes (the records, each EVSE once) in one request, one attempt.</summary>
    Task<PushResult> PushChangesOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken);

    /// <summary>Sends a fullLoad of the records in one request, one attempt.</summary>
    Task<PushResult> FullLoadOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken);
}
