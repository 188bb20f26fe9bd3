using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Adapts an <see cref="IEvseStatusPusher"/> that is not the SDK's own (a test double, a decorator) to the
/// publisher. Such a pusher has no limiter the publisher can see, so the publisher's requests go through one of
/// Hubject's default size here; its retries, if it makes any, are its own.
/// </summary>
internal sealed class PusherChannel(IEvseStatusPusher pusher, ExactSlidingWindowRateLimiter rateLimiter, OicpRetryOptions retry) : IPushChannel
{
    public ExactSlidingWindowRateLimiter RateLimiter { get; } = rateLimiter;

    public OicpRetryOptions Retry { get; } = retry;

    /// <summary>Adapts <paramref name="pusher"/>, unless it is the SDK's own pusher, which is a channel already.</summary>
    public static IPushChannel For(IEvseStatusPusher pusher, TimeProvider timeProvider) => pusher as IPushChannel
        ?? new PusherChannel(pusher, new ExactSlidingWindowRateLimiter(2000, TimeSpan.FromMinutes(1), timeProvider), new OicpRetryOptions());

    public void CheckEvse(EvseId evseId, string parameterName)
    {
        if (evseId.IsEmpty)
        {
            throw new ArgumentException("The EvseId is the default (empty) value: parse it with EvseId.Parse.", parameterName);
        }
    }

    public async Task<PushResult> PushChangesOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken)
    {
        using var lease = await RateLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return records.Count == 1
            ? await pusher.PushStatusAsync(records[0].EvseId, records[0].Status, cancellationToken).ConfigureAwait(false)
            : await pusher.PushAsync(ActionType.Update, records, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PushResult> FullLoadOnceAsync(IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken)
    {
        using var lease = await RateLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return await pusher.FullLoadAsync(records, cancellationToken).ConfigureAwait(false);
    }
}
