namespace Oicp.Client.Internal;

/// <summary>
/// An exact sliding-window limiter on <see cref="TimeProvider"/>: never more than the limit of
/// requests in any window. It keeps the start times of the last <c>limit</c> requests in a ring,
/// so a request may start once the request <c>limit</c> places back is a window old.
/// Used only inside the sequential gate, so it needs no locking.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly long[] _starts;
    private readonly TimeSpan _window;
    private int _count;
    private int _next;

    public SlidingWindowLimiter(int limit, TimeSpan window, TimeProvider timeProvider)
    {
        _starts = limit > 0 ? new long[limit] : [];
        _window = window;
        _timeProvider = timeProvider;
    }

    /// <summary>Waits until one more request fits in the window, then records its start.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        if (_starts.Length == 0)
        {
            return;
        }

        if (_count == _starts.Length)
        {
            // The oldest of the last `limit` starts sits where the next one will be written.
            var wait = _window - _timeProvider.GetElapsedTime(_starts[_next]);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            _count++;
        }

        _starts[_next] = _timeProvider.GetTimestamp();
        _next = (_next + 1) % _starts.Length;
    }
}
