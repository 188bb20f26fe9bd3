using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class BundlingTests
{
    private static PublisherHarness Create(bool bundling) => new(o =>
    {
        o.MaxPushesPerMinute = 60;
        o.StalenessBudget = TimeSpan.FromSeconds(10);
        o.MaxRecordsPerBundle = 20;
        o.BundlingEnabled = bundling;
    });

    [Fact]
    public async Task A_backlog_beyond_the_staleness_budget_is_bundled_then_single_sends_resume()
    {
        await using var harness = Create(bundling: true);
        for (var evse = 0; evse < 50; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();

        // Ten EVSEs fit the 10 s budget at one request per second: the first 40 go out in bundles.
        harness.Hubject.Calls.Select(call => call.Records.Length).Should().Equal(20, 20, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        harness.Hubject.Calls.Should().OnlyContain(call => call.Action == ActionType.Update && call.Records.Select(r => r.EvseId).Distinct().Count() == call.Records.Length);
        harness.Hubject.Store.Should().HaveCount(50);
    }

    [Fact]
    public async Task With_bundling_off_every_change_goes_alone()
    {
        await using var harness = Create(bundling: false);
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
    public async Task A_bundle_refused_for_good_is_split_into_single_sends_to_find_the_culprit()
    {
        await using var harness = Create(bundling: true);
        harness.Hubject.UnknownEvses.Add(Evse(3));
        var failed = new List<EvseId>();
        harness.Publisher.PublishFailed += (_, args) => failed.Add(args.EvseId);
        for (var evse = 0; evse < 15; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.StartAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        harness.Hubject.Calls[0].Records.Should().HaveCount(15);
        harness.Hubject.Calls.Skip(1).Should().OnlyContain(call => call.Records.Length == 1);
        failed.Should().Equal(Evse(3));
        harness.Hubject.Store.Should().HaveCount(14);
    }

    [Fact]
    public async Task After_a_burst_fills_the_window_even_a_small_backlog_is_bundled()
    {
        await using var harness = Create(bundling: true);
        await harness.StartAsync();
        for (var evse = 0; evse < 60; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
            await harness.SettleAsync();
        }

        // The window now holds 60 requests of the last second: nothing can go out for almost a minute, so
        // five singles would all be a minute stale; one bundle is as fresh and leaves room in the window.
        for (var evse = 100; evse < 105; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Available);
        }

        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        harness.Hubject.Calls.Take(60).Should().OnlyContain(call => call.Records.Length == 1);
        harness.Hubject.Calls.Skip(60).Select(call => call.Records.Length).Should().Equal(5);
        harness.Hubject.Store.Should().HaveCount(65);
    }
}
