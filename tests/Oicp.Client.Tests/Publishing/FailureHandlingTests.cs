using System.Net;
using Oicp.Client.Publishing;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class FailureHandlingTests
{
    [Fact]
    public async Task A_permanent_failure_raises_PublishFailed_and_other_EVSEs_carry_on()
    {
        await using var harness = new PublisherHarness();
        harness.Hubject.UnknownEvses.Add(Evse(2));
        var failures = new List<EvseStatusPublishFailedEventArgs>();
        harness.Publisher.PublishFailed += (_, args) => failures.Add(args);
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(2), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(3), EvseStatus.Occupied);
        await harness.SettleAsync();

        failures.Should().ContainSingle();
        failures[0].EvseId.Should().Be(Evse(2));
        failures[0].Status.Should().Be(EvseStatus.Occupied);
        failures[0].Result!.OicpCode!.Value.Code.Should().Be("603");
        failures[0].Reason.Should().Be(EvseStatusPublishFailureReason.Refused);
        harness.Hubject.Store.Keys.Should().BeEquivalentTo([Evse(1), Evse(3)]);
        harness.Publisher.PendingCount.Should().Be(0);
    }

    [Fact]
    public async Task A_transient_failure_keeps_the_latest_state_and_retries_after_a_backoff()
    {
        await using var harness = new PublisherHarness(retry: new OicpRetryOptions { BaseDelay = TimeSpan.FromSeconds(4), MaxDelay = TimeSpan.FromMinutes(1) });
        harness.Hubject.Fail = (index, _, _) => index switch
        {
            0 => HubjectStoreFake.Rejected("001"),
            1 => HubjectStoreFake.Http(HttpStatusCode.TooManyRequests),
            _ => null,
        };
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        await harness.SettleAsync();
        harness.Publisher.Publish(Evse(1), EvseStatus.Available);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        harness.Hubject.Calls.Should().HaveCount(1, "the first wait is at least half the base delay");
        await harness.AdvanceAsync(TimeSpan.FromSeconds(20));

        harness.Hubject.Calls.Select(call => call.Records.Single().Status)
            .Should().Equal(EvseStatus.Occupied, EvseStatus.Available, EvseStatus.Available);
        var times = harness.Hubject.CallTimes.ToArray();
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
        (times[2] - times[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4), "the backoff doubles");
        harness.Hubject.Store[Evse(1)].Should().Be(EvseStatus.Available);
    }

    [Theory]
    [InlineData("017", null)]
    [InlineData("300", null)]
    [InlineData("210", null)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.NotFound)]
    public async Task A_refusal_of_the_operator_keeps_every_status_until_the_setup_is_fixed(string? code, HttpStatusCode? http)
    {
        // A wrong certificate or allow-list refuses every EVSE alike: dropping them one by one would lose the network.
        await using var harness = new PublisherHarness(retry: new OicpRetryOptions { BaseDelay = TimeSpan.FromSeconds(4), MaxDelay = TimeSpan.FromMinutes(1) });
        var failed = new List<EvseId>();
        harness.Publisher.PublishFailed += (_, args) => failed.Add(args.EvseId);
        harness.Hubject.Fail = (index, _, _) => index < 3
            ? (code is not null ? HubjectStoreFake.Rejected(code) : HubjectStoreFake.Http(http!.Value))
            : null;
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(2), EvseStatus.Reserved);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        failed.Should().BeEmpty();
        harness.Hubject.Calls.Should().HaveCountGreaterThan(3);
        harness.Hubject.Store.Should().Equal(new Dictionary<EvseId, EvseStatus> { [Evse(1)] = EvseStatus.Occupied, [Evse(2)] = EvseStatus.Reserved });
    }

    [Fact]
    public async Task A_pusher_that_throws_for_one_EVSE_is_reported_without_stopping_the_loop()
    {
        await using var harness = new PublisherHarness();
        harness.Hubject.Fail = (_, _, records) => records[0].EvseId == Evse(7) ? throw new ArgumentException("EVSE of another operator") : null;
        EvseStatusPublishFailedEventArgs? failure = null;
        harness.Publisher.PublishFailed += (_, args) => failure = args;
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(7), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(8), EvseStatus.Occupied);
        await harness.SettleAsync();

        failure!.Exception.Should().BeOfType<ArgumentException>();
        failure.Reason.Should().Be(EvseStatusPublishFailureReason.Threw);
        harness.Hubject.Store.Keys.Should().Equal(Evse(8));
    }

    [Fact]
    public async Task An_unreadable_answer_keeps_the_latest_status_and_tries_again()
    {
        // A proxy's HTML page or a garbled acknowledgement: the status may or may not have arrived, so it goes again.
        await using var harness = new PublisherHarness();
        var failed = new List<EvseStatusPublishFailedEventArgs>();
        harness.Publisher.PublishFailed += (_, args) => failed.Add(args);
        harness.Hubject.Fail = (index, _, _) => index == 0
            ? OicpModelFactory.PushResult(PushFailureKind.UnreadableResponse, httpStatusCode: HttpStatusCode.OK)
            : null;
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        failed.Should().BeEmpty();
        harness.Hubject.Calls.Should().HaveCount(2);
        harness.Hubject.Store[Evse(1)].Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public async Task A_Retry_After_sets_the_pause()
    {
        await using var harness = new PublisherHarness();
        harness.Hubject.Fail = (index, _, _) => index == 0
            ? OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7))
            : null;
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(6));
        harness.Hubject.Calls.Should().HaveCount(1);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));

        harness.Hubject.Calls.Should().HaveCount(2);
        (harness.Hubject.Calls[1].At - harness.Hubject.Calls[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Health_tells_a_refusal_of_the_operator_and_then_the_recovery()
    {
        await using var harness = new PublisherHarness();
        harness.Hubject.Fail = (index, _, _) => index < 2 ? HubjectStoreFake.Rejected("017") : null;
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        await harness.SettleAsync();
        var refused = harness.Publisher.GetHealth();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var recovered = harness.Publisher.GetHealth();

        refused.IsRunning.Should().BeTrue();
        refused.IsOperatorRefused.Should().BeTrue();
        refused.ConsecutiveFailures.Should().Be(1);
        refused.PendingCount.Should().Be(1);
        refused.LastFailure!.OicpCode!.Value.Code.Should().Be("017");
        refused.LastSuccessAt.Should().BeNull();
        recovered.IsOperatorRefused.Should().BeFalse();
        recovered.ConsecutiveFailures.Should().Be(0);
        recovered.PendingCount.Should().Be(0);
        recovered.OldestPendingAge.Should().Be(TimeSpan.Zero);
        recovered.LastSuccessAt.Should().NotBeNull();
        recovered.RoundTrip.Should().Be(TimeSpan.Zero, "the fake answers at once");
    }
}
