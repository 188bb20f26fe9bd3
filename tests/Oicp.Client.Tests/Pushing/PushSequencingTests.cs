using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>Pushes of one operator never overlap, concurrent callers are served in order, and time comes from the TimeProvider.</summary>
public sealed class PushSequencingTests
{
    [Fact]
    public async Task Concurrent_callers_are_served_one_after_another_in_call_order()
    {
        var http = new MockHttpMessageHandler();
        var arrivals = new ConcurrentQueue<string>();
        var inFlight = 0;
        var maxInFlight = 0;
        var firstArrived = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        http.When("*").Respond(async request =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            var body = await request.Content!.ReadAsStringAsync();
            arrivals.Enqueue(body);
            if (arrivals.Count == 1)
            {
                firstArrived.SetResult();
                await releaseFirst.Task;
            }

            Interlocked.Decrement(ref inFlight);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck) };
        });
        var pusher = TestPushers.Create(http);

        var first = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E0"), EvseStatus.Occupied);
        await firstArrived.Task;
        var rest = Enumerable.Range(1, 20)
            .Select(i => pusher.PushStatusAsync(TestPushers.Evse($"DE*ABC*E{i}"), EvseStatus.Occupied))
            .ToArray();
        releaseFirst.SetResult();
        var results = await Task.WhenAll(rest.Prepend(first));

        results.Should().OnlyContain(result => result.IsSuccess);
        maxInFlight.Should().Be(1);
        arrivals.Select(body => System.Text.Json.JsonDocument.Parse(body).RootElement
                .GetProperty("OperatorEvseStatus").GetProperty("EvseStatusRecord")[0].GetProperty("EvseID").GetString())
            .Should().Equal(Enumerable.Range(0, 21).Select(i => $"DE*ABC*E{i}"));
    }

    [Fact]
    public async Task A_request_without_answer_within_the_timeout_is_a_transport_failure_on_the_fake_clock()
    {
        var time = new FakeTimeProvider();
        var arrived = new TaskCompletionSource();
        using var http = new DelegateHandler(async (_, cancellationToken) =>
        {
            arrived.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        });
        var pusher = new EvseStatusPusher(http, TestPushers.Options(options => options.RequestTimeout = TimeSpan.FromSeconds(10)), timeProvider: time);

        var push = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied);
        await arrived.Task;
        time.Advance(TimeSpan.FromSeconds(9));
        push.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await push;

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.IsTimeout.Should().BeTrue();
        result.ErrorMessage.Should().Contain("10 s");
        result.Elapsed.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Caller_cancellation_throws_and_frees_the_turn()
    {
        var arrived = new TaskCompletionSource();
        var calls = 0;
        using var http = new DelegateHandler(async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                arrived.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck) };
        });
        var pusher = new EvseStatusPusher(http, TestPushers.Options());
        using var cancellation = new CancellationTokenSource();

        var cancelled = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied, cancellation.Token);
        await arrived.Task;
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        (await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E2"), EvseStatus.Available)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task A_caller_cancelled_while_waiting_for_its_turn_leaves_the_queue()
    {
        var http = new MockHttpMessageHandler();
        var firstArrived = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var bodies = new ConcurrentQueue<string>();
        http.When("*").Respond(async request =>
        {
            bodies.Enqueue(await request.Content!.ReadAsStringAsync());
            if (bodies.Count == 1)
            {
                firstArrived.SetResult();
                await releaseFirst.Task;
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck) };
        });
        var pusher = TestPushers.Create(http);
        using var cancellation = new CancellationTokenSource();

        var first = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied);
        await firstArrived.Task;
        var waiting = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E2"), EvseStatus.Occupied, cancellation.Token);
        var third = pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E3"), EvseStatus.Occupied);
        await cancellation.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        releaseFirst.SetResult();

        (await first).IsSuccess.Should().BeTrue();
        (await third).IsSuccess.Should().BeTrue();
        bodies.Should().HaveCount(2);
        bodies.Should().NotContain(body => body.Contains("E2", StringComparison.Ordinal));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
