using System.Threading.RateLimiting;

namespace Oicp.Client.Pushing.Internal;

/// <summary>
/// The one rate limiter of an operator, shared by its pusher and its publisher: no window of
/// <see cref="Window"/>, wherever it begins, holds more than <see cref="PermitLimit"/> requests, as the
/// server counts them.
/// </summary>
/// <remarks>
/// <para>
/// A lease is held while a request is in flight and the request counts from the moment the lease is
/// released (its completion), not from its start: a request reaches the server somewhere between the two,
/// so spacing starts alone would let a slow request and a fast one land less than a window apart. A
/// request may start once the one <c>limit</c> places back (leases in flight included) completed a window
/// ago. A token bucket, or System.Threading.RateLimiting's segmented window, would allow more than the
/// limit in a window that straddles a refill or a segment, which is what Hubject's policy forbids.
/// </para>
/// <para>
/// Waits run on the <see cref="TimeProvider"/>, so they are tested on a fake clock, and are rounded up to
/// whole milliseconds: timers truncate, so a 0.4 ms wait would not wait at all and a request would start early.
/// Thread-safe.
/// </para>
/// </remarks>
internal sealed class ExactSlidingWindowRateLimiter : RateLimiter
{
    private readonly object _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly long[] _completions;
    private int _count;
    private int _next;
    private int _inFlight;
    private long _idleSince;
    private long _successfulLeases;
    private TaskCompletionSource? _released;

    /// <summary>Initializes a new instance of the <see cref="ExactSlidingWindowRateLimiter"/> class.</summary>
    /// <param name="permitLimit">The most requests in any window; 0 or less turns the limit off.</param>
    /// <param name="window">The length of the sliding window.</param>
    /// <param name="timeProvider">The clock.</param>
    public ExactSlidingWindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        PermitLimit = Math.Max(permitLimit, 0);
        Window = window;
        _timeProvider = timeProvider;
        _completions = new long[PermitLimit];
        _idleSince = timeProvider.GetTimestamp();
    }

    /// <summary>Gets the most requests in any window; 0 when the limit is off.</summary>
    public int PermitLimit { get; }

    /// <summary>Gets the length of the sliding window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets a value indicating whether the limiter limits anything.</summary>
    public bool IsEnabled => PermitLimit > 0;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _inFlight > 0 ? null : _timeProvider.GetElapsedTime(_idleSince);
            }
        }
    }

    /// <summary>Gets how many more requests could start now.</summary>
    public int AvailablePermits
    {
        get
        {
            if (!IsEnabled)
            {
                return int.MaxValue;
            }

            lock (_lock)
            {
                var now = _timeProvider.GetTimestamp();
                var used = _inFlight;
                for (var back = 1; back <= _count && used < PermitLimit; back++)
                {
                    if (_timeProvider.GetElapsedTime(CompletionBack(back), now) >= Window)
                    {
                        break;
                    }

                    used++;
                }

                return PermitLimit - used;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = AvailablePermits,
        TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
    };

    /// <summary>
    /// Gets how long until the last of <paramref name="requests"/> more requests could start, if each started as
    /// soon as the window allowed and completed at once; zero when they all fit now. Requests in flight count as
    /// completing now.
    /// </summary>
    public TimeSpan GetDelay(int requests = 1)
    {
        if (!IsEnabled || requests <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (_lock)
        {
            // Every full window's worth of requests beyond the first pushes the last one a whole window later.
            var windows = (requests - 1) / PermitLimit;
            var last = requests - (windows * PermitLimit);

            // The last request may start once the completion (limit - last + 1) places back has left the window;
            // requests in flight take places too, as if they completed now.
            var back = PermitLimit - last + 1 - _inFlight;
            return (back <= 0 ? Window : UntilLeaves(back)) + (Window * windows);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        EnsureOnePermit(permitCount);
        lock (_lock)
        {
            return TryGrant() ? new Lease(this) : Lease.Refused;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        EnsureOnePermit(permitCount);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task? released;
            TimeSpan wait;
            lock (_lock)
            {
                if (TryGrant())
                {
                    return new Lease(this);
                }

                // No wait means only requests in flight block: wait for one to complete.
                wait = WaitForOne();
                released = wait > TimeSpan.Zero ? null : (_released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await (released?.WaitAsync(cancellationToken) ?? Task.Delay(wait, _timeProvider, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static void EnsureOnePermit(int permitCount)
    {
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "Each lease admits exactly one request.");
        }
    }

    /// <summary>
    /// Rounds a wait up to whole milliseconds: timers and <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>
    /// truncate to milliseconds, so a wait of 0.4 ms would not wait at all and a request would start early.
    /// </summary>
    private static TimeSpan RoundUp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));

    // Under the lock.
    private bool TryGrant()
    {
        if (IsEnabled && (_inFlight >= PermitLimit || WaitForOne() > TimeSpan.Zero))
        {
            return false;
        }

        _inFlight++;
        _successfulLeases++;
        return true;
    }

    // Under the lock: how long until one more request fits, counting requests in flight as completing now;
    // zero when it fits now or when only requests in flight block it.
    private TimeSpan WaitForOne()
    {
        var back = PermitLimit - _inFlight;
        return back <= 0 ? TimeSpan.Zero : UntilLeaves(back);
    }

    // Under the lock: how long until the completion `back` places back has left the window; zero without one. Time only
    // moves forward, so a completion a window older than the latest one has left it: no clock read (each costs about as
    // much as the rest of a check) unless the window is nearly full.
    private TimeSpan UntilLeaves(int back)
    {
        if (back > _count)
        {
            return TimeSpan.Zero;
        }

        var completion = CompletionBack(back);
        return _timeProvider.GetElapsedTime(completion, CompletionBack(1)) >= Window
            ? TimeSpan.Zero
            : RoundUp(Window - _timeProvider.GetElapsedTime(completion));
    }

    // Under the lock: the timestamp of the completion `back` places back (1 is the latest).
    private long CompletionBack(int back) => _completions[(_next - back + _completions.Length) % _completions.Length];

    private void Release()
    {
        TaskCompletionSource? released;
        lock (_lock)
        {
            // One clock read for both: a completion is also the moment the limiter may fall idle.
            var now = _timeProvider.GetTimestamp();
            _inFlight--;
            if (IsEnabled)
            {
                _completions[_next] = now;
                _next = (_next + 1) % _completions.Length;
                _count = Math.Min(_count + 1, _completions.Length);
            }

            if (_inFlight == 0)
            {
                _idleSince = now;
            }

            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }

    /// <summary>
    /// A permit, or a refusal when <paramref name="limiter"/> is <see langword="null"/>: the request a permit admitted counts
    /// in the window from the moment it is disposed.
    /// </summary>
    private sealed class Lease(ExactSlidingWindowRateLimiter? limiter) : RateLimitLease
    {
        public static readonly Lease Refused = new(null);

        private int _disposed;

        public override bool IsAcquired => limiter is not null;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (limiter is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.Release();
            }
        }
    }
}
