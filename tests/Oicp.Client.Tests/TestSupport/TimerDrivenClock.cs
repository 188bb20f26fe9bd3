using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer the code under test creates (Task.Delay,
/// CancellationTokenSource timeouts), so a test moves the clock exactly to a due time once the code is
/// waiting on it. Polling in small steps proved flaky under load: continuations ran late, so time moved
/// past the point the test meant to observe. Here nothing depends on how fast continuations run.
/// </summary>
internal sealed class TimerDrivenClock : FakeTimeProvider
{
    /// <summary>Real time allowed for the code to reach its next timer; it bounds a hang, it is never waited out when all goes well.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Reported once the timer is armed: a test that advances the clock as soon as it hears of a timer must find it armed
        // (reported first, an advance could come before the timer existed, which then never fired and hung the test).
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Report(dueTime);

        // A timer armed later (CancellationTokenSource.CancelAfter, which Polly's timeouts use on pooled sources) is reported when asked for.
        return ReportRearmedTimers ? new ReportingTimer(this, timer) : timer;
    }

    /// <summary>
    /// Gets or sets a value indicating whether timers armed after their creation are reported too: Polly's timeouts (the
    /// total budget, the request timeout) arm pooled sources that way. Off by default, so tests that advance for every timer
    /// do not run those out.
    /// </summary>
    public bool ReportRearmedTimers { get; set; }

    private void Report(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.Writer.TryWrite(dueTime);
        }
    }

    /// <summary>
    /// A filter that skips the SDK's timeouts (the per-attempt <paramref name="requestTimeout"/> and the push's total
    /// budget, the default one unless given), so only waits (backoff, Retry-After, rate limit) are advanced.
    /// </summary>
    public static Func<TimeSpan, bool> ExceptRequestTimeout(TimeSpan requestTimeout, TimeSpan? totalBudget = null)
    {
        var budget = totalBudget ?? new OicpRetryOptions().TotalBudget;
        return due => due != requestTimeout && due != budget;
    }

    /// <summary>
    /// Lets <paramref name="operation"/> run; whenever it creates a timer that <paramref name="advanceFor"/>
    /// accepts (every timer when <see langword="null"/>), the clock advances by exactly that timer's due time.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> operation, Func<TimeSpan, bool>? advanceFor = null)
    {
        await RunAsync((Task)operation, advanceFor);
        return await operation;
    }

    /// <inheritdoc cref="RunAsync{T}(Task{T}, Func{TimeSpan, bool}?)"/>
    public async Task RunAsync(Task operation, Func<TimeSpan, bool>? advanceFor = null)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        while (!operation.IsCompleted)
        {
            var timerCreated = _created.Reader.WaitToReadAsync(safety.Token).AsTask();
            await Task.WhenAny(operation, timerCreated);
            if (operation.IsCompleted)
            {
                break;
            }

            if (timerCreated.IsCanceled)
            {
                throw new TimeoutException($"The operation neither finished nor created a timer within {SafetyTimeout} of real time.");
            }

            while (_created.Reader.TryRead(out var due))
            {
                if (advanceFor?.Invoke(due) ?? true)
                {
                    Advance(due);
                }
            }
        }

        await operation;
    }

    /// <summary>Waits (in real time, bounded by <see cref="SafetyTimeout"/>) until a timer that <paramref name="match"/> accepts is created; returns its due time without advancing.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        while (true)
        {
            var due = await _created.Reader.ReadAsync(safety.Token);
            if (match(due))
            {
                return due;
            }
        }
    }

    private sealed class ReportingTimer(TimerDrivenClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Report(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
