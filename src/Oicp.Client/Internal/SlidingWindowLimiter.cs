namespace Oicp.Client.Internal;

/// <summary>
/// An exact sliding-window limiter on <see cref="TimeProvider"/>: no window, wherever it begins, holds
/// more than the limit of requests, as the server counts them. It keeps the completion times of the
/// last <c>limit</c> requests in a ring, and a request may start once the one <c>limit</c> places back
/// completed a window ago. Completion, not start: a request reaches the server somewhere between the
/// two, so spacing starts alone would let a slow request and a fast one land less than a window apart.
/// A token bucket would allow up to twice the limit in a window that straddles a refilled burst, which
/// is what Hubject's policy forbids. Not thread-safe: each user calls it from one sequential loop or gate.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly long[] _completions;
    private readonly TimeSpan _window;
    private int _count;
    private int _next;

    // A limit of 0 or less turns the limiter off.
    public SlidingWindowLimiter(int limit, TimeSpan window, TimeProvider timeProvider)
    {
        _completions = limit > 0 ? new long[limit] : [];
        _window = window;
        _timeProvider = timeProvider;
    }

    /// <summary>How long to wait before the next request may start; zero when it may start now.</summary>
    public TimeSpan GetDelay()
    {
        if (_completions.Length == 0 || _count < _completions.Length)
        {
            return TimeSpan.Zero;
        }

        // The oldest of the last `limit` completions sits where the next one will be written.
        return RoundUp(_window - _timeProvider.GetElapsedTime(_completions[_next]));
    }

    /// <summary>
    /// How long until the last of <paramref name="requests"/> more requests could start, if each started as soon as
    /// the window allowed; zero when they all fit now. After a burst this is the pause the burst still imposes.
    /// </summary>
    public TimeSpan GetDelay(int requests)
    {
        if (_completions.Length == 0 || requests <= 0)
        {
            return TimeSpan.Zero;
        }

        // Every full window's worth of requests beyond the first pushes the last one a whole window later.
        var windows = (requests - 1) / _completions.Length;
        var last = requests - (windows * _completions.Length);
        var free = _completions.Length - _count;
        var wait = TimeSpan.Zero;
        if (last > free)
        {
            // The request beyond the free room waits for the recorded completion as many places back to leave the window.
            var oldest = _count < _completions.Length ? 0 : _next;
            var completed = _completions[(oldest + last - free - 1) % _completions.Length];
            wait = RoundUp(_window - _timeProvider.GetElapsedTime(completed));
        }

        return wait + (_window * windows);
    }

    /// <summary>Records that a request completed (answered, failed or abandoned): it counts from now on.</summary>
    public void RecordCompletion()
    {
        if (_completions.Length == 0)
        {
            return;
        }

        _completions[_next] = _timeProvider.GetTimestamp();
        _next = (_next + 1) % _completions.Length;
        _count = Math.Min(_count + 1, _completions.Length);
    }

    /// <summary>Waits until one more request fits in the window; call <see cref="RecordCompletion"/> when it is done.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        for (var wait = GetDelay(); wait > TimeSpan.Zero; wait = GetDelay())
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rounds a wait up to whole milliseconds: timers and <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>
    /// truncate to milliseconds, so a wait of 0.4 ms would not wait at all and a request would start early.
    /// </summary>
    private static TimeSpan RoundUp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
