using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Internal;

namespace Oicp.Client.Tests.Internal;

public sealed class SlidingWindowLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_request_may_start_once_the_one_limit_places_back_completed_a_window_ago()
    {
        var limiter = new SlidingWindowLimiter(2, TimeSpan.FromMinutes(1), _time);
        limiter.RecordCompletion();
        _time.Advance(TimeSpan.FromSeconds(10));
        limiter.RecordCompletion();

        limiter.GetDelay().Should().Be(TimeSpan.FromSeconds(50));
        _time.Advance(TimeSpan.FromSeconds(50));
        limiter.GetDelay().Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_wait_shorter_than_a_millisecond_is_still_waited()
    {
        // Timers and Task.Delay truncate to whole milliseconds: an unrounded 0.04 ms wait would not wait at all.
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromMinutes(1), _time);
        limiter.RecordCompletion();
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(385));

        limiter.GetDelay().Should().Be(TimeSpan.FromMilliseconds(1));
        var wait = limiter.WaitAsync(CancellationToken.None).AsTask();
        wait.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await wait;
    }

    [Fact]
    public void GetDelay_for_several_requests_tells_when_the_last_could_start()
    {
        var limiter = new SlidingWindowLimiter(3, TimeSpan.FromMinutes(1), _time);
        limiter.RecordCompletion();
        _time.Advance(TimeSpan.FromSeconds(20));
        limiter.RecordCompletion();

        limiter.GetDelay(1).Should().Be(TimeSpan.Zero, "one place is still free");
        limiter.GetDelay(2).Should().Be(TimeSpan.FromSeconds(40), "the second waits for the first completion to leave the window");
        limiter.GetDelay(3).Should().Be(TimeSpan.FromSeconds(60), "the third waits for the second completion to leave the window");
        limiter.GetDelay(5).Should().Be(TimeSpan.FromSeconds(40) + TimeSpan.FromMinutes(1), "a window's worth more waits a window longer");
    }

    [Fact]
    public void A_limit_of_zero_never_waits()
    {
        var limiter = new SlidingWindowLimiter(0, TimeSpan.FromMinutes(1), _time);
        limiter.RecordCompletion();

        limiter.GetDelay().Should().Be(TimeSpan.Zero);
        limiter.GetDelay(1000).Should().Be(TimeSpan.Zero);
    }
}
