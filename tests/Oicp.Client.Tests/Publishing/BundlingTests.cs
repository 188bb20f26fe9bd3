using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

/// <summary>How many changes each request carries, on the publisher over a fake Hubject that answers at once (round trip zero).</summary>
public sealed class BundlingTests
{
    [Fact]
    public async Task Waiting_changes_go_out_one_by_one_while_singles_keep_up()
    {
        // A whole minute's budget is free: one request costs 30 ms of it, so three singles leave within 100 ms.
        await using var harness = new PublisherHarness();
        for (var evse = 0; evse < 3; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();

        harness.Hubject.Calls.Select(call => call.Records.Length).Should().Equal(1, 1, 1);
    }

    [Fact]
    public async Task When_singles_cannot_keep_up_the_next_request_carries_every_waiting_change_up_to_the_cap()
    {
        // 60 requests a minute: one request costs a second of budget, far more than the 100 ms singles may add.
        await using var harness = new PublisherHarness(o => o.MaxRecordsPerBundle = 20, permitsPerMinute: 60);
        for (var evse = 0; evse < 50; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();

        harness.Hubject.Calls.Select(call => call.Records.Length).Should().Equal(20, 20, 10);
        harness.Hubject.Calls.Should().OnlyContain(call => call.Action == ActionType.Update && call.Records.Select(r => r.EvseId).Distinct().Count() == call.Records.Length);
        harness.Hubject.Calls.SelectMany(call => call.Records).Select(record => record.EvseId).Should().Equal(Enumerable.Range(0, 50).Select(Evse), "first come, first sent");
        harness.Hubject.Store.Should().HaveCount(50);
    }

    [Fact]
    public async Task A_lone_change_goes_alone_even_when_the_budget_is_tight()
    {
        await using var harness = new PublisherHarness(permitsPerMinute: 60);
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Reserved);
        await harness.SettleAsync();

        harness.Hubject.Calls.Should().ContainSingle().Which.Records.Should().ContainSingle();
    }

    [Fact]
    public async Task With_bundling_off_every_change_goes_alone()
    {
        await using var harness = new PublisherHarness(o => o.BundlingEnabled = false, permitsPerMinute: 60);
        for (var evse = 0; evse < 50; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        harness.Hubject.Calls.Should().HaveCount(50).And.OnlyContain(call => call.Records.Length == 1);
        harness.Hubject.Store.Should().HaveCount(50);
    }

    [Fact]
    public async Task A_request_refused_for_good_is_split_in_halves_until_the_culprit_is_alone()
    {
        await using var harness = new PublisherHarness(permitsPerMinute: 60);
        harness.Hubject.UnknownEvses.Add(Evse(3));
        var failed = new List<EvseId>();
        harness.Publisher.PublishFailed += (_, args) => failed.Add(args.EvseId);
        for (var evse = 0; evse < 16; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        // 16 -> 0..7 refused -> 0..3 refused -> 0..1 through, 2..3 refused -> 2 through, 3 refused and reported; then 4..7 and 8..15.
        harness.Hubject.Calls.Select(call => call.Records.Length).Should().Equal(16, 8, 4, 2, 2, 1, 1, 4, 8);
        failed.Should().Equal(Evse(3));
        harness.Hubject.Store.Should().HaveCount(15);
        harness.Publisher.PendingCount.Should().Be(0);
    }

    [Fact]
    public async Task A_newer_status_published_during_the_isolation_replaces_the_isolated_one()
    {
        // Two requests a minute: the bundle and the first half go at once, the rest waits for the window.
        await using var harness = new PublisherHarness(permitsPerMinute: 2);
        harness.Hubject.UnknownEvses.Add(Evse(0));
        for (var evse = 0; evse < 4; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();
        harness.Hubject.Calls.Select(call => call.Records.Length).Should().Equal(4, 2);
        harness.Publisher.Publish(Evse(3), EvseStatus.Available);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        harness.Hubject.Calls.SelectMany(call => call.Records).Where(record => record.EvseId == Evse(3) && record.Status == EvseStatus.Occupied)
            .Should().ContainSingle("the refused request carried it once; afterwards only the newer status goes");
        harness.Hubject.Store[Evse(3)].Should().Be(EvseStatus.Available);
        harness.Hubject.Store.Keys.Should().BeEquivalentTo([Evse(1), Evse(2), Evse(3)]);
    }

    [Fact]
    public async Task A_steady_stream_beyond_the_rate_limit_never_silences_the_channel_for_long()
    {
        // Ten changes a second against 60 requests a minute. Singles would spend the minute's budget in six seconds
        // and leave the channel silent for the next fifty-four; the spread keeps every change within a few seconds.
        await using var harness = new PublisherHarness(permitsPerMinute: 60);
        await harness.StartAsync();
        var published = new Dictionary<EvseId, DateTimeOffset>();
        var worst = TimeSpan.Zero;
        for (var step = 0; step < 1200; step++)
        {
            var id = Evse(step);
            harness.Publisher.Publish(id, EvseStatus.Occupied);
            published[id] = harness.Time.GetUtcNow();
            await harness.AdvanceAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }

        await harness.AdvanceAsync(TimeSpan.FromSeconds(10));
        foreach (var (at, _, records) in harness.Hubject.Calls)
        {
            foreach (var record in records)
            {
                worst = TimeSpan.FromTicks(Math.Max(worst.Ticks, (at - published[record.EvseId]).Ticks));
            }
        }

        harness.Hubject.Store.Should().HaveCount(1200);
        RateWindow.MaxInAnyWindow(harness.Hubject.CallTimes, TimeSpan.FromMinutes(1)).Should().BeLessThanOrEqualTo(60);
        worst.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }
}
