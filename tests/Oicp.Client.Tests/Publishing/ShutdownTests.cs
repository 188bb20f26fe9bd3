using Oicp.Client.Publishing;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_drains_the_queue()
    {
        await using var harness = new PublisherHarness(o => { o.BundlingEnabled = false; o.ShutdownTimeout = TimeSpan.FromMinutes(2); }, permitsPerMinute: 2);
        await harness.StartAsync();
        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(2), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(3), EvseStatus.Occupied);
        await harness.SettleAsync();

        var stop = harness.Publisher.StopAsync();
        await harness.SettleAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.SettleAsync();
        stop.IsCompleted.Should().BeFalse("the third change waits for the rate limit");
        harness.Time.Advance(TimeSpan.FromSeconds(59));

        (await stop.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeEmpty();
        harness.Hubject.Store.Should().HaveCount(3);
    }

    [Fact]
    public async Task StopAsync_reports_what_could_not_be_sent_within_the_timeout()
    {
        await using var harness = new PublisherHarness(o => { o.BundlingEnabled = false; o.ShutdownTimeout = TimeSpan.FromSeconds(10); }, permitsPerMinute: 2);
        await harness.StartAsync();
        var reported = new List<EvseStatusRecord>();
        harness.Publisher.PublishFailed += (_, args) =>
        {
            args.Reason.Should().Be(EvseStatusPublishFailureReason.NotSentBeforeStop);
            reported.Add(new EvseStatusRecord(args.EvseId, args.Status));
        };
        for (var evse = 1; evse <= 5; evse++)
        {
            harness.Publisher.Publish(Evse(evse), EvseStatus.Occupied);
        }

        await harness.SettleAsync();
        harness.Publisher.Publish(Evse(5), EvseStatus.OutOfService);

        var stop = harness.Publisher.StopAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(11));
        var unsent = await stop.WaitAsync(TimeSpan.FromSeconds(30));

        unsent.Should().BeEquivalentTo([
            new EvseStatusRecord(Evse(3), EvseStatus.Occupied),
            new EvseStatusRecord(Evse(4), EvseStatus.Occupied),
            new EvseStatusRecord(Evse(5), EvseStatus.OutOfService)]);
        harness.Hubject.Calls.Should().HaveCount(2);
        reported.Should().BeEquivalentTo(unsent, "every unsent status is raised, not only logged");
    }

    [Fact]
    public async Task A_Publish_racing_StopAsync_is_refused_sent_or_reported_never_lost()
    {
        // The race is short: several rounds, each with writers that publish until the publisher refuses.
        var accepted = 0;
        var lost = new List<EvseId>();
        for (var round = 0; round < 10; round++)
        {
            var (acceptedInRound, lostInRound) = await RaceStopAsync();
            accepted += acceptedInRound;
            lost.AddRange(lostInRound);
        }

        accepted.Should().BePositive("the writers publish while the publisher stops");
        lost.Should().BeEmpty("a Publish that returned was sent or is in the report");
    }

    [Fact]
    public async Task StopAsync_before_Start_reports_everything_as_unsent()
    {
        var harness = new PublisherHarness();
        harness.Publisher.Publish(Evse(1), EvseStatus.Reserved);

        var unsent = await harness.Publisher.StopAsync();

        unsent.Should().Equal(new EvseStatusRecord(Evse(1), EvseStatus.Reserved));
    }

    [Fact]
    public async Task Publish_after_the_publisher_stopped_throws_instead_of_dropping_the_status()
    {
        await using var harness = new PublisherHarness();
        await harness.StartAsync();
        await harness.Publisher.StopAsync();

        var act = () => harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);

        act.Should().Throw<InvalidOperationException>().WithMessage("*stopped*DE*ABC*E1*");
    }

    [Fact]
    public async Task Publish_after_dispose_throws()
    {
        var harness = new PublisherHarness();
        await harness.StartAsync();
        await harness.Publisher.DisposeAsync();

        var act = () => harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task StopAsync_again_and_after_dispose_returns_the_same_report()
    {
        var harness = new PublisherHarness(o => o.BundlingEnabled = false, permitsPerMinute: 1);
        await harness.StartAsync();
        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(2), EvseStatus.Occupied);
        await harness.SettleAsync();
        var stop = harness.Publisher.StopAsync();
        harness.Time.Advance(harness.Options.ShutdownTimeout);
        var first = await stop.WaitAsync(TimeSpan.FromSeconds(30));
        await harness.Publisher.DisposeAsync();

        var again = await harness.Publisher.StopAsync();

        first.Should().Equal(new EvseStatusRecord(Evse(2), EvseStatus.Occupied));
        again.Should().BeSameAs(first);
    }

    [Fact]
    public async Task A_stopped_publisher_cannot_be_started_again()
    {
        var harness = new PublisherHarness();
        await harness.Publisher.StopAsync();

        var act = harness.Publisher.Start;

        act.Should().Throw<InvalidOperationException>().WithMessage("*stopped*");
    }

    /// <summary>Stops a publisher while writers publish; returns how many Publish calls returned, and which of those statuses were neither sent nor reported.</summary>
    private static async Task<(int Accepted, List<EvseId> Lost)> RaceStopAsync()
    {
        const int Writers = 2;
        await using var harness = new PublisherHarness();
        await harness.StartAsync();
        var accepted = new System.Collections.Concurrent.ConcurrentBag<EvseId>();
        using var start = new Barrier(Writers + 1);
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var n = 0; n < 1_000_000; n++)
            {
                var id = Evse((writer * 1_000_000) + n);
                try
                {
                    harness.Publisher.Publish(id, EvseStatus.Occupied);
                }
                catch (InvalidOperationException)
                {
                    return;
                }

                accepted.Add(id);
            }
        })).ToArray();

        start.SignalAndWait();
        var stop = harness.Publisher.StopAsync();
        harness.Time.Advance(harness.Options.ShutdownTimeout + TimeSpan.FromSeconds(1));
        var unsent = (await stop.WaitAsync(TimeSpan.FromSeconds(30))).Select(record => record.EvseId).ToHashSet();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        return (accepted.Count, accepted.Where(id => !unsent.Contains(id) && !harness.Hubject.Store.ContainsKey(id)).ToList());
    }
}
