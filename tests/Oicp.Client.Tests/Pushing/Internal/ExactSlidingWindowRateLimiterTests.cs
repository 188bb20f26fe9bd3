using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Tests.Pushing.Internal;

public sealed class SlidingWindowRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_request_may_start_once_the_one_limit_places_back_completed_a_window_ago()
    {
        var limiter = new ExactSlidingWindowRateLimiter(2, TimeSpan.FromMinutes(1), _time);
        (await limiter.AcquireAsync(1)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        (await limiter.AcquireAsync(1)).Dispose();

        limiter.GetDelay().Should().Be(TimeSpan.FromSeconds(50));
        limiter.AttemptAcquire(1).IsAcquired.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(50));
        limiter.GetDelay().Should().Be(TimeSpan.Zero);
        limiter.AttemptAcquire(1).IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task A_check_reads_the_clock_only_when_the_window_may_still_be_full()
    {
        var clock = new CountingClock();
        var limiter = new ExactSlidingWindowRateLimiter(2, TimeSpan.FromMinutes(1), clock);
        (await limiter.AcquireAsync(1)).Dispose();
        clock.Advance(TimeSpan.FromMinutes(2));
        (await limiter.AcquireAsync(1)).Dispose();

        // The completion two places back is two minutes older than the latest: it has left the window, whatever the time.
        var reads = clock.Reads;
        limiter.GetDelay().Should().Be(TimeSpan.Zero);
        var lease = limiter.AttemptAcquire(1);
        lease.IsAcquired.Should().BeTrue();
        clock.Reads.Should().Be(reads, "both checks follow from the completions alone");
        lease.Dispose();

        // Now the two latest completions are as old as each other: only the clock can tell when the older leaves the window.
        clock.Advance(TimeSpan.FromSeconds(10));
        limiter.GetDelay().Should().Be(TimeSpan.FromSeconds(50));
        clock.Reads.Should().BeGreaterThan(reads);
    }

    [Fact]
    public async Task A_request_counts_from_its_completion_not_its_start()
    {
        var limiter = new ExactSlidingWindowRateLimiter(1, TimeSpan.FromMinutes(1), _time);
        var lease = await limiter.AcquireAsync(1);
        _time.Advance(TimeSpan.FromSeconds(30));
        limiter.AttemptAcquire(1).IsAcquired.Should().BeFalse("the request in flight holds the only permit");
        lease.Dispose();

        _time.Advance(TimeSpan.FromSeconds(59));
        limiter.GetDelay().Should().Be(TimeSpan.FromSeconds(1), "the window counts from the completion, 30 s after the start");
    }

    [Fact]
    public async Task AcquireAsync_waits_for_the_window_on_the_clock()
    {
        var limiter = new ExactSlidingWindowRateLimiter(1, TimeSpan.FromMinutes(1), _time);
        (await limiter.AcquireAsync(1)).Dispose();

        var next = limiter.AcquireAsync(1).AsTask();
        next.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(59));
        next.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));

        (await next.WaitAsync(TimeSpan.FromSeconds(30))).IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task AcquireAsync_honours_cancellation()
    {
        var limiter = new ExactSlidingWindowRateLimiter(1, TimeSpan.FromMinutes(1), _time);
        (await limiter.AcquireAsync(1)).Dispose();
        using var cancellation = new CancellationTokenSource();

        var next = limiter.AcquireAsync(1, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await next.Invoking(task => task.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_wait_shorter_than_a_millisecond_is_still_waited()
    {
        // Timers and Task.Delay truncate to whole milliseconds: an unrounded 0.04 ms wait would not wait at all.
        var limiter = new ExactSlidingWindowRateLimiter(1, TimeSpan.FromMinutes(1), _time);
        (await limiter.AcquireAsync(1)).Dispose();
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(385));

        limiter.GetDelay().Should().Be(TimeSpan.FromMilliseconds(1));
        var wait = limiter.AcquireAsync(1).AsTask();
        wait.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await wait.WaitAsync(TimeSpan.FromSeconds(30))).IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task GetDelay_for_several_requests_tells_when_the_last_could_start()
    {
        var limiter = new ExactSlidingWindowRateLimiter(3, TimeSpan.FromMinutes(1), _time);
        (await limiter.AcquireAsync(1)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(20));
        (await limiter.AcquireAsync(1)).Dispose();

        limiter.AvailablePermits.Should().Be(1);
        limiter.GetDelay(1).Should().Be(TimeSpan.Zero, "one place is still free");
        limiter.GetDelay(2).Should().Be(TimeSpan.FromSeconds(40), "the second waits for the first completion to leave the window");
        limiter.GetDelay(3).Should().Be(TimeSpan.FromSeconds(60), "the third waits for the second completion to leave the window");
        limiter.GetDelay(5).Should().Be(TimeSpan.FromSeconds(40) + TimeSpan.FromMinutes(1), "a window's worth more waits a window longer");
    }

    [Fact]
    public async Task Statistics_and_idle_duration_follow_the_leases()
    {
        var limiter = new ExactSlidingWindowRateLimiter(5, TimeSpan.FromMinutes(1), _time);
        var lease = await limiter.AcquireAsync(1);

        limiter.IdleDuration.Should().BeNull("a request is in flight");
        limiter.GetStatistics()!.CurrentAvailablePermits.Should().Be(4);
        lease.Dispose();
        lease.Dispose();
        _time.Advance(TimeSpan.FromSeconds(3));

        limiter.IdleDuration.Should().Be(TimeSpan.FromSeconds(3));
        limiter.GetStatistics()!.TotalSuccessfulLeases.Should().Be(1);
        limiter.AvailablePermits.Should().Be(4, "a lease disposed twice counts once");
    }

    [Fact]
    public void Each_lease_admits_exactly_one_request()
    {
        RateLimiter limiter = new ExactSlidingWindowRateLimiter(5, TimeSpan.FromMinutes(1), _time);

        var act = () => limiter.AttemptAcquire(2);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task A_limit_of_zero_never_waits()
    {
        var limiter = new ExactSlidingWindowRateLimiter(0, TimeSpan.FromMinutes(1), _time);
        for (var i = 0; i < 10; i++)
        {
            (await limiter.AcquireAsync(1)).Dispose();
        }

        limiter.GetDelay().Should().Be(TimeSpan.Zero);
        limiter.GetDelay(1000).Should().Be(TimeSpan.Zero);
        limiter.AttemptAcquire(1).IsAcquired.Should().BeTrue();
    }

    /// <summary>A fake clock that counts how often its timestamp is read.</summary>
    private sealed class CountingClock : FakeTimeProvider
    {
        public int Reads { get; private set; }

        public override long GetTimestamp()
        {
            Reads++;
            return base.GetTimestamp();
        }
    }
}
