namespace Oicp.Client.Publishing;

/// <summary>
/// Remembers the start times of the last <c>limit</c> requests, so that no 60-second window, wherever it
/// begins, holds more than <c>limit</c> of them. A token bucket would allow up to twice the limit in a
/// window that straddles a refilled burst, which is exactly what Hubject's policy forbids.
/// </summary>
internal sealed class SlidingWindowRateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly long[] _starts;
    private readonly long _windowTicks;
    private int _next;
    private int _count;

    public SlidingWindowRateLimiter(int limit, TimeSpan window, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _starts = new long[limit];
        _windowTicks = (long)(window.TotalSeconds * timeProvider.TimestampFrequency);
    }

    /// <summary>How long to wait before the next request may start; zero when it may start now.</summary>
    public TimeSpan GetDelay()
    {
        if (_count < _starts.Length)
        {
            return TimeSpan.Zero;
        }

        var oldest = _starts[_next];
        var allowedAt = oldest + _windowTicks;
        var now = _timeProvider.GetTimestamp();
        return now >= allowedAt ? TimeSpan.Zero : _timeProvider.GetElapsedTime(now, allowedAt);
    }

    public void RecordStart()
    {
        _starts[_next] = _timeProvider.GetTimestamp();
        _next = (_next + 1) % _starts.Length;
        _count = Math.Min(_count + 1, _starts.Length);
    }
}
