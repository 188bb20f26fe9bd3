using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Client.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

/// <summary>
/// The emulator plays a network round trip on its clock: half of it before it handles a request, half after it
/// answers. The clock only moves when the test advances it, once the emulator is waiting on it.
/// </summary>
public sealed class RoundTripTimeTests
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(240);
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(120);
    private static readonly string Push = RawEmulatorClient.Body("fullLoad", ("DE*ABC*E1", "Available"));
    private readonly TimerDrivenClock _clock = new();

    [Fact]
    public async Task In_process_a_request_is_handled_after_half_the_round_trip_and_answered_after_the_other_half()
    {
        var emulator = Emulator(o => o.RoundTripTime = RoundTrip);
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());

        await AssertRoundTripAsync(emulator, invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None));
    }

    [Fact]
    public async Task Over_Kestrel_a_request_is_handled_after_half_the_round_trip_and_answered_after_the_other_half()
    {
        var emulator = Emulator(o => o.RoundTripTime = RoundTrip);
        await using var server = await OicpEmulatorServer.StartAsync(emulator);
        using var http = new HttpClient();

        await AssertRoundTripAsync(emulator, http.SendAsync(RawEmulatorClient.Request(Push, baseAddress: server.BaseAddress.ToString())));
    }

    [Fact]
    public async Task The_selector_gets_the_one_based_request_number_and_overrides_RoundTripTime()
    {
        var numbers = new List<long>();
        var emulator = Emulator(o =>
        {
            o.RoundTripTime = TimeSpan.FromHours(1);
            o.RoundTripTimeSelector = number =>
            {
                numbers.Add(number);
                return number == 2 ? RoundTrip : TimeSpan.Zero;
            };
        });
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());
        var start = _clock.GetUtcNow();

        using var first = await Bounded(invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None));
        var second = invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None);
        _clock.Advance(await _clock.NextTimerAsync(due => due == Half));
        _clock.Advance(await _clock.NextTimerAsync(due => due == Half));
        using var secondResponse = await Bounded(second);
        using var third = await Bounded(invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None));

        numbers.Should().Equal(1, 2, 3);
        emulator.Requests.Select(request => request.Sequence).Should().Equal(1, 2, 3);
        emulator.Requests.Select(request => request.ReceivedAt).Should().Equal(start, start + Half, start + RoundTrip);
    }

    [Fact]
    public async Task The_default_round_trip_time_is_zero_and_the_answer_comes_without_the_clock_moving()
    {
        new OicpEmulatorOptions().RoundTripTime.Should().Be(TimeSpan.Zero);
        new OicpEmulatorOptions().RoundTripTimeSelector.Should().BeNull();
        var emulator = Emulator();
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());
        var start = _clock.GetUtcNow();

        using var response = await Bounded(invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.Requests.Single().ReceivedAt.Should().Be(start);
    }

    [Fact]
    public async Task A_request_cancelled_during_the_first_half_is_never_handled()
    {
        var emulator = Emulator(o => o.RoundTripTime = RoundTrip);
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());
        using var cancellation = new CancellationTokenSource();

        var sending = invoker.SendAsync(RawEmulatorClient.Request(Push), cancellation.Token);
        await _clock.NextTimerAsync(due => due == Half);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => Bounded(sending)).Should().ThrowAsync<OperationCanceledException>();
        emulator.Requests.Should().BeEmpty();
        emulator.GetHistory(RawEmulatorClient.Abc).Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_cancelled_during_the_second_half_was_applied_although_its_answer_never_arrives()
    {
        var emulator = Emulator(o => o.RoundTripTime = RoundTrip);
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());
        using var cancellation = new CancellationTokenSource();

        var sending = invoker.SendAsync(RawEmulatorClient.Request(Push), cancellation.Token);
        _clock.Advance(await _clock.NextTimerAsync(due => due == Half));
        await _clock.NextTimerAsync(due => due == Half);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => Bounded(sending)).Should().ThrowAsync<OperationCanceledException>();
        emulator.Requests.Should().ContainSingle().Which.IsSuccess.Should().BeTrue();
        emulator.GetHistory(RawEmulatorClient.Abc).Should().ContainSingle("the server applied the push; only its answer was lost");
    }

    [Fact]
    public async Task A_request_is_in_flight_during_both_halves()
    {
        var emulator = Emulator(o => o.RoundTripTime = RoundTrip);
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());

        // The first request is handled and its answer on the way back when the second one arrives.
        var first = invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None);
        _clock.Advance(await _clock.NextTimerAsync(due => due == Half));
        await _clock.NextTimerAsync(due => due == Half);
        var overlapInSecondHalf = emulator.Statistics.OverlappingRequests;
        var second = invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None);
        await _clock.NextTimerAsync(due => due == Half);
        var afterSecondArrived = emulator.Statistics.OverlappingRequests;

        // Then a third arrives while the second is still on its way in.
        var third = invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None);
        await _clock.NextTimerAsync(due => due == Half);
        var afterThirdArrived = emulator.Statistics.OverlappingRequests;
        _clock.Advance(Half);
        var responses = await Bounded(_clock.RunAsync(Task.WhenAll(first, second, third)));

        overlapInSecondHalf.Should().Be(0);
        afterSecondArrived.Should().Be(1, "the first request was still in its second half");
        afterThirdArrived.Should().Be(2, "the second request was still in its first half");
        emulator.Statistics.MaxConcurrentRequests.Should().Be(3);
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Dispose();
        }
    }

    [Fact]
    public void A_negative_round_trip_time_is_refused()
    {
        var create = () => new OicpEmulator(new OicpEmulatorOptions { RoundTripTime = TimeSpan.FromMilliseconds(-1) });

        create.Should().Throw<ArgumentException>().WithMessage("RoundTripTime must not be negative*");
    }

    [Fact]
    public async Task A_negative_time_from_the_selector_is_refused_naming_the_request()
    {
        var emulator = Emulator(o => o.RoundTripTimeSelector = _ => TimeSpan.FromSeconds(-1));
        using var invoker = new HttpMessageInvoker(emulator.CreateHandler());

        var send = () => invoker.SendAsync(RawEmulatorClient.Request(Push), CancellationToken.None);

        await send.Should().ThrowAsync<InvalidOperationException>().WithMessage("RoundTripTimeSelector returned -00:00:01 for request 1*");
    }

    private static async Task<T> Bounded<T>(Task<T> task) => await task.WaitAsync(TimerDrivenClock.SafetyTimeout);

    private OicpEmulator Emulator(Action<OicpEmulatorOptions>? configure = null)
    {
        var options = new OicpEmulatorOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        var emulator = new OicpEmulator(options);
        emulator.RegisterOperator(RawEmulatorClient.Abc);
        return emulator;
    }

    private async Task AssertRoundTripAsync(OicpEmulator emulator, Task<HttpResponseMessage> sending)
    {
        var start = _clock.GetUtcNow();

        await _clock.NextTimerAsync(due => due == Half);
        var onTheWayIn = emulator.Requests.Count;
        _clock.Advance(Half);
        await _clock.NextTimerAsync(due => due == Half);
        var handled = emulator.Requests.ToArray();
        var answeredEarly = sending.IsCompleted;
        _clock.Advance(Half);
        using var response = await Bounded(sending);

        onTheWayIn.Should().Be(0, "the request is still on its way to the emulator");
        handled.Should().ContainSingle().Which.ReceivedAt.Should().Be(start + Half);
        handled[0].IsSuccess.Should().BeTrue();
        answeredEarly.Should().BeFalse("the answer is still on its way back");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _clock.GetUtcNow().Should().Be(start + RoundTrip);
    }
}
