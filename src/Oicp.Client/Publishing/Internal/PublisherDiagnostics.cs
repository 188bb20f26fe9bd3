using System.Diagnostics.Metrics;
using System.Diagnostics;
using Oicp.Client.Diagnostics;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// Everything the publisher tells the outside about its work: the <c>Oicp.Client</c> meter and activity source,
/// and the figures behind <see cref="EvseStatusPublisher.GetHealth"/>. Written by the loop only; the health
/// figures are read from any thread under a lock.
/// </summary>
internal sealed class PublisherDiagnostics : IDisposable
{
    private const string OutcomeSuccess = "success";
    private const string OutcomeTransient = "transient";
    private const string OutcomePermanent = "permanent";

    private readonly object _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly PublisherMetrics _metrics;
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
        _metrics = new PublisherMetrics(meterFactory, backlog);
    }

    public Meter Meter => _metrics.Meter;

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
        if (activity is not null)
        {
            activity.SetTag("oicp.code", PushTelemetry.CodeOf(result));
            activity.SetStatus(outcome == PushOutcome.Delivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }

        var now = _timeProvider.GetUtcNow();
        if (outcome == PushOutcome.Delivered)
        {
            _metrics.Pushed(actionType, OutcomeSuccess);
            _metrics.RecordsSent(recordCount);
        }
        else
        {
            var transient = outcome == PushOutcome.TryAgain;
            _metrics.Pushed(actionType, transient ? OutcomeTransient : OutcomePermanent);
            _metrics.Failed(result, transient);
        }

        lock (_lock)
        {
            if (outcome == PushOutcome.Delivered)
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
                if (outcome == PushOutcome.Delivered)
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
    public void FullLoadNotSent(string reason) => _metrics.Failed(reason);

    public void Acknowledged(long dirtySince, long acknowledged) => _metrics.Staleness(_timeProvider.GetElapsedTime(dirtySince, acknowledged));

    public EvseStatusPublisherHealth Health(bool running, int pending, TimeSpan oldestPendingAge, TimeSpan? roundTrip)
    {
        lock (_lock)
        {
            return new EvseStatusPublisherHealth(
                running, pending, oldestPendingAge, _lastSuccessAt, _lastFailureAt, _lastFailure, _failuresInRow, _failingSince, _operatorRefused, _lastFullLoadAt, _lastFullLoad, roundTrip, _startedAt);
        }
    }

    public void Dispose() => _metrics.Dispose();
}
