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
    private readonly long[] _starts;
    private readonly TimeSpan _window;
    private int _count;
    private int _next;

    // A limit of 0 or less turns the limiter off.
    public SlidingWindowLimiter(int limit, TimeSpan window, TimeProvider timeProvider)
    {
        _starts = limit > 0 ? new long[limit] : [];
        _window = window;
        _timeProvider = timeProvider;
    }

    /// <summary>How long to wait before the next request may start; zero when it may start now.</summary>
    public TimeSpan GetDelay()
    {
        if (_starts.Length == 0 || _count < _starts.Length)
        {
            return TimeSpan.Zero;
        }

        // The oldest of the last `limit` completions sits where the next one will be written.
        var wait = _window - _timeProvider.GetElapsedTime(_starts[_next]);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Records that a request completed (answered, failed or abandoned): it counts from now on.</summary>
    public void RecordCompletion()
    {
        if (_starts.Length == 0)
        {
            return;
        }

        _starts[_next] = _timeProvider.GetTimestamp();
        _next = (_next + 1) % _starts.Length;
        _count = Math.Min(_count + 1, _starts.Length);
    }

    /// <summary>Waits until one more request fits in the window; call <see cref="RecordCompletion"/> when it is done.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = GetDelay();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
