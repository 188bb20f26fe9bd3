using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class CoalescingAndOrderingTests
{
    [Fact]
    public async Task Publish_replaces_a_waiting_status_so_only_the_latest_is_sent()
    {
        await using var harness = new PublisherHarness(permitsPerMinute: 1);
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Available);
        await harness.SettleAsync();
        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(1), EvseStatus.Reserved);
        harness.Publisher.Publish(Evse(1), EvseStatus.OutOfService);
        harness.Publisher.PendingCount.Should().Be(1);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        harness.Hubject.Calls.Select(call => call.Records.Single().Status)
            .Should().Equal(EvseStatus.Available, EvseStatus.OutOfService);
    }

    [Fact]
    public async Task Sends_one_change_per_request_and_never_an_older_status_after_a_newer_one()
    {
        await using var harness = new PublisherHarness(o => o.BundlingEnabled = false);
        await harness.StartAsync();
        EvseStatus[] ladder = [EvseStatus.Available, EvseStatus.Reserved, EvseStatus.Occupied, EvseStatus.OutOfService, EvseStatus.Unknown];

        // Each EVSE only climbs the ladder, so a sent status lower than an earlier one would be an older one.
        var publishers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            foreach (var step in ladder)
            {
                for (var evse = worker * 50; evse < (worker + 1) * 50; evse++)
                {
                    harness.Publisher.Publish(Evse(evse), step);
                }
            }
        }));
        await Task.WhenAll(publishers);
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        harness.Hubject.MaxConcurrency.Should().Be(1);
        harness.Hubject.Calls.Should().OnlyContain(call => call.Records.Length == 1 && call.Action == ActionType.Update);
        foreach (var perEvse in harness.Hubject.Calls.GroupBy(call => call.Records[0].EvseId))
        {
            perEvse.Select(call => call.Records[0].Status).Should().BeInAscendingOrder();
            perEvse.Last().Records[0].Status.Should().Be(EvseStatus.Unknown);
        }

        harness.Hubject.Store.Should().HaveCount(200);
    }

    [Fact]
    public async Task Never_starts_more_requests_than_the_limit_in_any_60_second_window()
    {
        await using var harness = new PublisherHarness(o => o.BundlingEnabled = false, permitsPerMinute: 5);
        await harness.StartAsync();
        for (var evse = 0; evse < 23; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(500));

        harness.Hubject.Store.Should().HaveCount(23);
        RateWindow.MaxInAnyWindow(harness.Hubject.CallTimes, TimeSpan.FromMinutes(1)).Should().Be(5);
    }

    [Fact]
    public async Task An_EVSE_written_with_and_without_separators_has_one_slot_so_the_latest_wins()
    {
        // Two slots would let both statuses wait, and in one bundle Hubject would refuse the request with 018.
        await using var harness = new PublisherHarness(permitsPerMinute: 1);
        harness.Publisher.Publish(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied);
        harness.Publisher.Publish(EvseId.Parse("DEABCE1"), EvseStatus.Available);
        harness.Publisher.PendingCount.Should().Be(1);

        await harness.StartAsync();

        harness.Hubject.Calls.Should().ContainSingle().Which.Records.Should().ContainSingle()
            .Which.Should().Be(new EvseStatusRecord(EvseId.Parse("DEABCE1"), EvseStatus.Available));
    }

    [Fact]
    public void Publish_refuses_the_default_EvseId()
    {
        var harness = new PublisherHarness();
        var act = () => harness.Publisher.Publish(default, EvseStatus.Available);
        act.Should().Throw<ArgumentException>();
    }
}

internal static class RateWindow
{
    /// <summary>The most calls that started within any window [t, t + window).</summary>
    public static int MaxInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToArray();
        var max = 0;
        var end = 0;
        for (var start = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] < sorted[start] + window)
            {
                end++;
            }

            max = Math.Max(max, end - start);
        }

        return max;
    }
}
