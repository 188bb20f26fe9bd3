using System.Diagnostics;
using System.Diagnostics.Metrics;
using Oicp.Client.Diagnostics;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Everything the publisher tells the outside about its work: its instruments on the <c>Oicp.Client</c> meter (see
/// docs/publishing.md), its activities, and the figures behind <see cref="EvseStatusPublisher.GetHealth"/>. Written by
/// the loop only; the health figures are read from any thread under a lock.
/// </summary>
internal sealed class PublisherDiagnostics : IDisposable
{
    private readonly object _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _recordsSent;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _staleness;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private PushResult? _lastFailure;
    private int _failuresInRow;
    private DateTimeOffset? _failingSince;
    private bool _operatorRefused;
    private DateTimeOffset? _lastFullLoadAt;
    private PushResult? _lastFullLoad;
    private DateTimeOffset? _startedAt;

    public PublisherDiagnostics(IMeterFactory? meterFactory, EvseBacklog backlog, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
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

    public static Activity? StartActivity(ActionType actionType, int recordCount)
    {
        var activity = OicpTelemetry.Source.StartActivity("oicp.publisher.push", ActivityKind.Client);
        activity?.SetTag("oicp.action", actionType.ToWireString());
        activity?.SetTag("oicp.record_count", recordCount);
        return activity;
    }

    /// <summary>Records the end of one request: its outcome in the metrics, the trace and the health figures.</summary>
    public void Ended(Activity? activity, ActionType actionType, int recordCount, PushResult? result, PushOutcome outcome)
    {
        var delivered = outcome == PushOutcome.Delivered;
        activity?.SetTag("oicp.code", PushTelemetry.CodeOf(result));
        activity?.SetStatus(delivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        var outcomeTag = delivered ? "success" : outcome == PushOutcome.TryAgain ? "transient" : "permanent";
        _pushes.Add(1, new KeyValuePair<string, object?>("oicp.action", actionType.ToWireString()), new KeyValuePair<string, object?>("oicp.outcome", outcomeTag));
        if (delivered)
        {
            _recordsSent.Add(recordCount);
        }
        else
        {
            Failed(PushTelemetry.CodeOf(result), transient: outcome == PushOutcome.TryAgain);
        }

        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (delivered)
            {
                _lastSuccessAt = now;
                _failuresInRow = 0;
                _failingSince = null;
                _operatorRefused = false;
            }
            else
            {
                _lastFailureAt = now;
                _lastFailure = result;
                _failuresInRow++;
                _failingSince ??= now;
                _operatorRefused = PushOutcomes.IsOperatorRefusal(result);
            }

            if (actionType == ActionType.FullLoad)
            {
                _lastFullLoad = result;
                if (delivered)
                {
                    _lastFullLoadAt = now;
                }
            }
        }
    }

    /// <summary>Records when the publisher started, for the health figures.</summary>
    public void Started()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            _startedAt = now;
        }
    }

    /// <summary>Records that a fullLoad was not sent (no snapshot, an empty one): a failure without an answer.</summary>
    public void FullLoadNotSent(string reason) => Failed(reason, transient: false);

    public void Acknowledged(long dirtySince, long acknowledged) => _staleness.Record(_timeProvider.GetElapsedTime(dirtySince, acknowledged).TotalMilliseconds);

    public EvseStatusPublisherHealth Health(bool running, int pending, TimeSpan oldestPendingAge, TimeSpan? roundTrip)
    {
        lock (_lock)
        {
            return new EvseStatusPublisherHealth(
                running, pending, oldestPendingAge, _lastSuccessAt, _lastFailureAt, _lastFailure, _failuresInRow, _failingSince, _operatorRefused, _lastFullLoadAt, _lastFullLoad, roundTrip, _startedAt);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private void Failed(string code, bool transient) =>
        _failures.Add(1, new KeyValuePair<string, object?>("oicp.code", code), new KeyValuePair<string, object?>("oicp.transient", transient));
}
