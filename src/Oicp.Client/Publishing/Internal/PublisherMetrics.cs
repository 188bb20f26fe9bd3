using System.Diagnostics.Metrics;
using Oicp.Client.Diagnostics;

namespace Oicp.Client.Publishing.Internal;

/// <summary>The publisher's instruments, on a <see cref="Meter"/> named after the package (see docs/publishing.md).</summary>
internal sealed class PublisherMetrics : IDisposable
{
    private readonly bool _ownsMeter;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _recordsSent;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _staleness;

    public PublisherMetrics(IMeterFactory? meterFactory, EvseBacklog backlog)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(new MeterOptions(OicpTelemetry.MeterName)) ?? new Meter(OicpTelemetry.MeterName);

        // Observed from counts the backlog keeps anyway, so Publish pays no Counter.Add (a lookup per call once a
        // listener such as OpenTelemetry is attached) on the hot path.
        Meter.CreateObservableCounter("oicp.publisher.changes.received", () => backlog.Received, "{change}", "Status changes given to Publish.");
        Meter.CreateObservableCounter("oicp.publisher.changes.coalesced", () => backlog.Coalesced, "{change}", "Changes that replaced a status still waiting to be sent.");
        _pushes = Meter.CreateCounter<long>("oicp.publisher.pushes", "{request}", "Requests made, by action and outcome.");
        _recordsSent = Meter.CreateCounter<long>("oicp.publisher.records.sent", "{record}", "Records Hubject acknowledged.");
        _failures = Meter.CreateCounter<long>("oicp.publisher.failures", "{request}", "Failed requests, by OICP or HTTP code.");
        _staleness = Meter.CreateHistogram<double>("oicp.publisher.staleness", "ms", "Time from Publish to Hubject's acknowledgement.");
        Meter.CreateObservableGauge("oicp.publisher.queue.depth", () => backlog.Count, "{evse}", "EVSEs waiting to be sent.");
    }

    public Meter Meter { get; }

    public void Pushed(ActionType actionType, string outcome) =>
        _pushes.Add(1, new KeyValuePair<string, object?>("oicp.action", actionType.ToWireString()), new KeyValuePair<string, object?>("oicp.outcome", outcome));

    public void RecordsSent(int count) => _recordsSent.Add(count);

    public void Failed(PushResult? result, bool transient) =>
        _failures.Add(1, new KeyValuePair<string, object?>("oicp.code", PushTelemetry.CodeOf(result)), new KeyValuePair<string, object?>("oicp.transient", transient));

    public void Failed(string code) =>
        _failures.Add(1, new KeyValuePair<string, object?>("oicp.code", code), new KeyValuePair<string, object?>("oicp.transient", false));

    public void Staleness(TimeSpan staleness) => _staleness.Record(staleness.TotalMilliseconds);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
