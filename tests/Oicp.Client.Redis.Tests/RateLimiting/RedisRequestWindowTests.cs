using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.RateLimiting;

public sealed class RedisRequestWindowTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    // Room for the time between seeding and asking on a loaded machine; far below the differences asserted.
    private static readonly TimeSpan Precision = TimeSpan.FromSeconds(3);

    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisRequestWindow Window => new(redis.Database, _keys);

    [Fact]
    public async Task An_empty_window_lets_every_request_start_now()
    {
        (await Window.GetDelayAsync(5, 5, Minute)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task GetDelay_tells_when_the_last_of_several_requests_could_start_like_the_in_process_limiter()
    {
        await SeedCompletionsAsync(TimeSpan.FromSeconds(20), TimeSpan.Zero);

        (await Window.GetDelayAsync(1, 3, Minute)).Should().Be(TimeSpan.Zero, "one place is still free");
        (await Window.GetDelayAsync(2, 3, Minute)).Should().BeCloseTo(TimeSpan.FromSeconds(40), Precision, "the second waits for the first completion to leave the window");
        (await Window.GetDelayAsync(3, 3, Minute)).Should().BeCloseTo(TimeSpan.FromSeconds(60), Precision, "the third waits for the second completion to leave the window");
        (await Window.GetDelayAsync(5, 3, Minute)).Should().BeCloseTo(TimeSpan.FromSeconds(40) + Minute, Precision, "a window's worth more waits a window longer");
    }

    [Fact]
    public async Task Only_the_last_limit_completions_count()
    {
        await SeedCompletionsAsync(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));

        (await Window.GetDelayAsync(1, 2, Minute)).Should().BeCloseTo(TimeSpan.FromSeconds(30), Precision, "the oldest of the last two completed 30 s ago");
    }

    [Fact]
    public async Task Completions_older_than_the_window_do_not_delay()
    {
        await SeedCompletionsAsync(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(70));

        (await Window.GetDelayAsync(3, 3, Minute)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_delay_is_rounded_up_to_whole_milliseconds()
    {
        await SeedCompletionsAsync(TimeSpan.FromSeconds(20));

        var delay = await Window.GetDelayAsync(1, 1, Minute);

        delay.Should().BeCloseTo(TimeSpan.FromSeconds(40), Precision);
        (delay.Ticks % TimeSpan.TicksPerMillisecond).Should().Be(0);
    }

    [Fact]
    public async Task A_limit_of_zero_or_no_request_never_waits()
    {
        await Window.RecordAsync(Minute);

        (await Window.GetDelayAsync(1000, 0, Minute)).Should().Be(TimeSpan.Zero);
        (await Window.GetDelayAsync(0, 1, Minute)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_new_holder_on_another_connection_continues_the_window_of_the_previous_one()
    {
        await using var other = await redis.Server.ConnectAsync();
        await Window.RecordAsync(Minute);
        await Window.RecordAsync(Minute);

        var delay = await new RedisRequestWindow(other.GetDatabase(), _keys).GetDelayAsync(1, 2, Minute);

        delay.Should().BeCloseTo(Minute, Precision);
    }

    [Fact]
    public async Task Record_keeps_every_completion_even_when_pipelined_and_forgets_those_older_than_the_window()
    {
        await SeedCompletionsAsync(TimeSpan.FromMinutes(2));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Window.RecordAsync(Minute)));

        (await redis.Database.SortedSetLengthAsync(_keys.RequestWindow)).Should().Be(50);
        (await redis.Database.KeyTimeToLiveAsync(_keys.RequestWindow)).Should().BeCloseTo(Minute + TimeSpan.FromSeconds(1), Precision, "an idle operator's window expires");
    }

    [Fact]
    public async Task Record_returns_the_completion_time_on_the_Redis_clock()
    {
        var before = await RedisClock.NowMicrosecondsAsync(redis.Database);

        var recorded = await Window.RecordAsync(Minute);

        var after = await RedisClock.NowMicrosecondsAsync(redis.Database);
        var micros = (recorded - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        micros.Should().BeInRange(before, after);
    }

    [Fact]
    public async Task A_window_below_one_millisecond_is_refused()
    {
        await Window.Invoking(static w => w.RecordAsync(TimeSpan.Zero)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("window");
        await Window.Invoking(static w => w.GetDelayAsync(1, 1, TimeSpan.FromTicks(1))).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("window");
    }

    private async Task SeedCompletionsAsync(params TimeSpan[] ago)
    {
        var now = await RedisClock.NowMicrosecondsAsync(redis.Database);
        foreach (var age in ago)
        {
            var at = now - (age.Ticks / TimeSpan.TicksPerMicrosecond);
            await redis.Database.SortedSetAddAsync(_keys.RequestWindow, at, at);
        }
    }
}
