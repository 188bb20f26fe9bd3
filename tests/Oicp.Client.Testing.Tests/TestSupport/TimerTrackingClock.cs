using Microsoft.Extensions.Time.Testing;

namespace Oicp.Client.Testing.Tests.TestSupport;

/// <summary>
/// A <see cref="TimeProvider"/> over a <see cref="FakeTimeProvider"/> that knows every armed timer, so a driver can
/// move the clock straight to the next due one, and which of them are <c>Task.Delay</c> waits (the timer state of a
/// delay is the delay's task): code awaiting such a delay, like the pusher's rate limiter and retry backoff, can only
/// go on when the clock moves. Every change of the timers pulses <see cref="Changed"/>.
/// </summary>
internal sealed class TimerTrackingClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<TrackedTimer> _timers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake { get; } = fake;

    /// <summary>Gets a task that completes at the next change of the timers or at the next <see cref="Pulse"/>.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Gets a value indicating whether a <c>Task.Delay</c> on this clock is waiting for its due time.</summary>
    public bool DelayPending
    {
        get
        {
            lock (_lock)
            {
                return _timers.Exists(timer => timer.IsDelay && timer.DueAt is not null);
            }
        }
    }

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    /// <summary>Returns when the earliest armed timer is due, or <see langword="null"/> when none is armed.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            DateTimeOffset? next = null;
            foreach (var timer in _timers)
            {
                if (timer.DueAt is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
        }
    }

    /// <summary>Wakes whoever waits on <see cref="Changed"/>.</summary>
    public void Pulse()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Start(dueTime, period);
        return timer;
    }

    private void Remove(TrackedTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }

        Pulse();
    }

    private sealed class TrackedTimer(TimerTrackingClock clock, TimerCallback callback, object? state) : ITimer
    {
        private ITimer? _inner;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool IsDelay { get; } = state is Task;

        public DateTimeOffset? DueAt { get; private set; }

        public void Start(TimeSpan dueTime, TimeSpan period)
        {
            _inner = clock.Fake.CreateTimer(static s => ((TrackedTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Fake.GetUtcNow() + dueTime;
                _period = period;
            }

            clock.Pulse();
            return _inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Remove(this);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire()
        {
            lock (clock._lock)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.Fake.GetUtcNow() + _period;
            }

            clock.Pulse();
            callback(state);
        }
    }
}
