using System.Collections.Concurrent;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

public sealed class PushRateLimitTests
{
    [Fact]
    public async Task Never_more_than_the_limit_in_any_window()
    {
        var time = new TimerDrivenClock();
        var http = new MockHttpMessageHandler();
        var starts = new ConcurrentQueue<DateTimeOffset>();
        http.When("*").Respond(() =>
        {
            starts.Enqueue(time.GetUtcNow());
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck) });
        });
        var options = TestPushers.Options(o =>
        {
            o.RateLimit.PermitLimit = 3;
            o.RateLimit.Window = TimeSpan.FromMinutes(1);
        });
        var pusher = new EvseStatusPusher(http, options, timeProvider: time);

        var pushes = Enumerable.Range(1, 7).Select(i => pusher.PushStatusAsync(EvseId.Parse($"DE*ABC*E{i}"), EvseStatus.Occupied)).ToArray();
        await time.RunAsync(Task.WhenAll(pushes), TimerDrivenClock.ExceptRequestTimeout(options.RequestTimeout));

        pushes.Should().OnlyContain(push => push.Result.IsSuccess);
        var times = starts.ToArray();
        times.Should().HaveCount(7);
        for (var i = 3; i < times.Length; i++)
        {
            (times[i] - times[i - 3]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
        }

        (times[3] - times[0]).Should().Be(TimeSpan.FromMinutes(1), "a request waits no longer than it must");
    }

    [Fact]
    public async Task The_window_is_counted_from_each_requests_completion_so_slow_answers_cannot_squeeze_arrivals()
    {
        // A request reaches Hubject somewhere between its start and its answer. Spacing starts alone would
        // let request 3 start 60 s after request 1 started, and land less than 60 s after request 1 arrived.
        var time = new TimerDrivenClock();
        var answerDelay = TimeSpan.FromSeconds(10);
        var starts = new ConcurrentQueue<DateTimeOffset>();
        using var http = new DelegateHandler(async (_, cancellationToken) =>
        {
            starts.Enqueue(time.GetUtcNow());
            await Task.Delay(answerDelay, time, cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck) };
        });
        var options = TestPushers.Options(o => o.RateLimit.PermitLimit = 2);
        var pusher = new EvseStatusPusher(http, options, timeProvider: time);

        var pushes = Enumerable.Range(1, 3).Select(i => pusher.PushStatusAsync(EvseId.Parse($"DE*ABC*E{i}"), EvseStatus.Occupied)).ToArray();
        await time.RunAsync(Task.WhenAll(pushes), TimerDrivenClock.ExceptRequestTimeout(options.RequestTimeout));

        var times = starts.ToArray();
        (times[1] - times[0]).Should().Be(answerDelay, "the second request starts when the first is answered");
        (times[2] - times[0]).Should().Be(TimeSpan.FromMinutes(1) + answerDelay, "the third waits a window after the first was answered");
    }

    [Fact]
    public async Task Waiting_for_a_permit_honours_cancellation()
    {
        var time = new TimerDrivenClock();
        var http = new MockHttpMessageHandler();
        http.When("*").Respond("application/json", TestPushers.SuccessAck);
        var options = TestPushers.Options(o => o.RateLimit.PermitLimit = 1);
        var pusher = new EvseStatusPusher(http, options, timeProvider: time);
        (await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied)).IsSuccess.Should().BeTrue();
        using var cancellation = new CancellationTokenSource();

        var waiting = pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E2"), EvseStatus.Occupied, cancellation.Token);
        (await time.NextTimerAsync(TimerDrivenClock.ExceptRequestTimeout(options.RequestTimeout))).Should().BePositive("the second push waits for a permit");
        waiting.IsCompleted.Should().BeFalse();
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
    }
}
