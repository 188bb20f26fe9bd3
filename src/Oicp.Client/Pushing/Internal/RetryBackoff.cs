namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// The one backoff rule of the SDK, used by the pusher between the attempts of a push and by the publisher
/// between two tries of its background traffic: exponential from <see cref="OicpRetryOptions.BaseDelay"/>,
/// capped at <see cref="OicpRetryOptions.MaxDelay"/>, with jitter between half and all of it, so that many
/// clients do not retry in step; a server's Retry-After wins (capped too).
/// </summary>
internal static class RetryBackoff
{
    /// <summary>Computes the wait after the <paramref name="failures"/>-th failure in a row (1 for the first).</summary>
    /// <param name="failures">How many failures in a row this wait follows, 1 or more.</param>
    /// <param name="options">The base and maximum delay and whether to randomise.</param>
    /// <param name="random">A random number in [0, 1), used when <see cref="OicpRetryOptions.UseJitter"/> is set.</param>
    /// <param name="retryAfter">What the server asked for, if anything.</param>
    public static TimeSpan Delay(int failures, OicpRetryOptions options, double random, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } asked)
        {
            return asked < options.MaxDelay ? asked : options.MaxDelay;
        }

        // 2^30 times any sensible base is beyond every cap; the exponent stops there so the product stays finite.
        var exponential = options.BaseDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = exponential < options.MaxDelay ? exponential : options.MaxDelay;
        return options.UseJitter ? capped * (0.5 + (0.5 * random)) : capped;
    }
}
