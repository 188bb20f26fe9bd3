using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopAsync_drains_the_queue()
    {
        await using var harness = new PublisherHarness(o => { o.MaxPushesPerMinute = 2; o.BundlingEnabled = false; o.ShutdownTimeout = TimeSpan.FromMinutes(2); });
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
        await using var harness = new PublisherHarness(o => { o.MaxPushesPerMinute = 2; o.BundlingEnabled = false; o.ShutdownTimeout = TimeSpan.FromSeconds(10); });
        await harness.StartAsync();
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
    }

    [Fact]
    public async Task StopAsync_before_Start_reports_everything_as_unsent()
    {
        var harness = new PublisherHarness();
        harness.Publisher.Publish(Evse(1), EvseStatus.Reserved);

        var unsent = await harness.Publisher.StopAsync();

        unsent.Should().Equal(new EvseStatusRecord(Evse(1), EvseStatus.Reserved));
    }
}
