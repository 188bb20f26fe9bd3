namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Parks the publisher's loop until it is woken (a change, a fullLoad request, stopping) or a wait on the
/// <see cref="TimeProvider"/> ends, and tells tests when the loop is parked. A wake that comes while the loop is
/// busy is remembered, so the next park returns at once and no change is left waiting.
/// </summary>
internal sealed class LoopSignal : IDisposable
{
    private readonly object _lock = new();
    private readonly ITimer _timer;
    private TaskCompletionSource? _waiter;
    private bool _woken;
    private bool _parked = true;
    private TaskCompletionSource? _idle;

    public LoopSignal(TimeProvider timeProvider)
    {
        _timer = timeProvider.CreateTimer(static state => ((LoopSignal)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Wakes the loop, or makes its next park return at once.</summary>
    public void Wake()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            _woken = waiter is null;
            _parked = false;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Parks until woken, <paramref name="wait"/> has passed (infinite: no timer) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task ParkAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_woken)
            {
                _woken = false;
                return;
            }

            _waiter = waiter;
        }

        using var registration = cancellationToken.Register(static state => ((LoopSignal)state!).Wake(), this);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }

        // Only now, with the timer armed, may a test see the loop as idle and move the clock.
        lock (_lock)
        {
            if (_waiter == waiter)
            {
                SetParked();
            }
        }

        await waiter.Task.ConfigureAwait(false);
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Marks the loop as gone for good: it is idle from now on.</summary>
    public void Stopped()
    {
        lock (_lock)
        {
            SetParked();
        }
    }

    /// <summary>Completes when the loop is parked: nothing happens until time passes or it is woken.</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            if (_parked)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    public void Dispose() => _timer.Dispose();

    // Under the lock.
    private void SetParked()
    {
        _parked = true;
        _idle?.TrySetResult();
        _idle = null;
    }
}
