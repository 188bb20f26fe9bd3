using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class MetricsTests
{
    [Fact]
    public async Task Counters_gauge_and_histogram_describe_what_happened()
    {
        await using var harness = new PublisherHarness(o => o.BundlingEnabled = false, permitsPerMinute: 1);
        harness.Hubject.UnknownEvses.Add(Evse(9));
        var meter = harness.Publisher.Meter;
        using var received = new MetricCollector<long>(meter, "oicp.publisher.changes.received");
        using var coalesced = new MetricCollector<long>(meter, "oicp.publisher.changes.coalesced");
        using var pushes = new MetricCollector<long>(meter, "oicp.publisher.pushes");
        using var sent = new MetricCollector<long>(meter, "oicp.publisher.records.sent");
        using var failures = new MetricCollector<long>(meter, "oicp.publisher.failures");
        using var depth = new MetricCollector<int>(meter, "oicp.publisher.queue.depth");
        using var staleness = new MetricCollector<double>(meter, "oicp.publisher.staleness");
        await harness.StartAsync();

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(9), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(9), EvseStatus.Available);
        await harness.SettleAsync();
        depth.RecordObservableInstruments();
        depth.LastMeasurement!.Value.Should().Be(1);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(61));

        received.RecordObservableInstruments();
        received.LastMeasurement!.Value.Should().Be(3);
        coalesced.RecordObservableInstruments();
        coalesced.LastMeasurement!.Value.Should().Be(1);
        pushes.GetMeasurementSnapshot().Should().HaveCount(2);
        pushes.GetMeasurementSnapshot()[0].Tags["oicp.outcome"].Should().Be("success");
        sent.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        failures.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["oicp.code"].Should().Be("603");
        staleness.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().Be(0);
    }
}
