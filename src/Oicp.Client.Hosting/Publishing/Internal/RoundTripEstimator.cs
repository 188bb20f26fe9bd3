namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// A moving estimate of how long one request takes, from the answers the publisher receives: the smoothed
/// round trip of TCP (RFC 6298), each new sample weighing one eighth. Failures without an answer (timeouts,
/// refused connections) say nothing about the round trip and are not recorded.
/// </summary>
internal sealed class RoundTripEstimator
{
    private TimeSpan? _estimate;

    public TimeSpan Estimate => _estimate ?? TimeSpan.Zero;

    public bool HasEstimate => _estimate is not null;

    public void Record(TimeSpan sample)
    {
        if (sample < TimeSpan.Zero)
        {
            return;
        }

        _estimate = _estimate is { } previous ? previous + ((sample - previous) / 8) : sample;
    }
}
