using Oicp.Client.Publishing.Internal;

namespace Oicp.Client.Tests.Publishing;

/// <summary>The sending policy on numbers alone: no clock, no threads.</summary>
public sealed class SendingPolicyTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly SendingPolicy _policy = new(TimeSpan.FromMilliseconds(100), maxRecordsPerRequest: 1000, bundlingEnabled: true);

    private static SendingSituation Situation(int waiting, double oldestMs = 0, double roundTripMs = 0, int free = 2000, double sinceLastMs = 10_000, double? untilRefillMs = null) =>
        new(waiting, TimeSpan.FromMilliseconds(oldestMs), TimeSpan.FromMilliseconds(roundTripMs), free, 2000, untilRefillMs is { } ms ? TimeSpan.FromMilliseconds(ms) : Minute, TimeSpan.FromMilliseconds(sinceLastMs));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void Nothing_or_one_waiting_takes_what_there_is(int waiting, int expected) =>
        _policy.RecordsToTake(Situation(waiting, roundTripMs: 300)).Should().Be(expected);

    [Fact]
    public void Singles_while_the_last_would_still_leave_within_a_round_trip_and_the_allowance()
    {
        // 50 ms round trip: two waiting, the second leaves 50 ms after the first, within 50 + 100 ms.
        _policy.RecordsToTake(Situation(2, roundTripMs: 50)).Should().Be(1);
        _policy.RecordsToTake(Situation(3, oldestMs: 40, roundTripMs: 50)).Should().Be(1);
    }

    [Fact]
    public void Everything_waiting_goes_together_when_singles_would_fall_behind()
    {
        // 150 ms round trip: three waiting, the last single would leave 300 ms after the first, beyond 250 ms.
        _policy.RecordsToTake(Situation(3, roundTripMs: 150)).Should().Be(3);
        _policy.RecordsToTake(Situation(2, oldestMs: 200, roundTripMs: 150)).Should().Be(2);
    }

    [Fact]
    public void At_zero_round_trip_a_single_costs_its_share_of_the_rate_budget()
    {
        // A whole free minute: 30 ms a request, so four singles (90 ms) are fine and five (120 ms) are not.
        _policy.RecordsToTake(Situation(4)).Should().Be(1);
        _policy.RecordsToTake(Situation(5)).Should().Be(5);

        // With 100 permits left a request costs 600 ms of budget: two waiting already go together.
        _policy.RecordsToTake(Situation(2, free: 100)).Should().Be(2);
    }

    [Fact]
    public void A_bundle_never_exceeds_the_per_request_cap()
    {
        _policy.RecordsToTake(Situation(25_000, roundTripMs: 50)).Should().Be(1000);
    }

    [Fact]
    public void With_bundling_off_always_one()
    {
        new SendingPolicy(TimeSpan.FromMilliseconds(100), 1000, bundlingEnabled: false).RecordsToTake(Situation(500, roundTripMs: 300)).Should().Be(1);
    }

    [Fact]
    public void Requests_leave_at_once_while_half_the_budget_is_free()
    {
        _policy.SpreadDelay(Situation(10, free: 1000, sinceLastMs: 0)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Below_half_the_budget_the_free_permits_are_spread_until_the_window_frees_more()
    {
        // 500 free and the next permit frees in 60 s: one start per 120 ms; 20 ms after the previous start, 100 ms remain.
        _policy.SpreadDelay(Situation(10, free: 500, sinceLastMs: 20)).Should().Be(TimeSpan.FromMilliseconds(100));
        _policy.SpreadDelay(Situation(10, free: 500, sinceLastMs: 500)).Should().Be(TimeSpan.Zero);

        // The window frees more in 5 s: 500 permits may go at one per 10 ms.
        _policy.SpreadDelay(Situation(10, free: 500, sinceLastMs: 0, untilRefillMs: 5_000)).Should().Be(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void With_bundling_off_nothing_is_spread()
    {
        new SendingPolicy(TimeSpan.FromMilliseconds(100), 1000, bundlingEnabled: false).SpreadDelay(Situation(10, free: 10, sinceLastMs: 0)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Without_a_limit_nothing_is_spread_and_a_single_costs_the_round_trip()
    {
        var unlimited = new SendingSituation(3, TimeSpan.Zero, TimeSpan.FromMilliseconds(40), int.MaxValue, 0, Minute, TimeSpan.Zero);

        _policy.SpreadDelay(unlimited).Should().Be(TimeSpan.Zero);
        _policy.RecordsToTake(unlimited).Should().Be(1);
    }
}
