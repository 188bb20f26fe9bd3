using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Oicp.Client.Diagnostics;

/// <summary>The pusher's traces and metrics: one <c>oicp.push</c> activity, one count and one duration per push.</summary>
internal sealed class PushTelemetry
{
    private readonly KeyValuePair<string, object?> _operator;
    private readonly Counter<long> _pushes;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _attempts;

    public PushTelemetry(IMeterFactory? meterFactory, OperatorId operatorId)
    {
        _operator = new("oicp.operator_id", operatorId.ToString());
        var meter = meterFactory?.Create(new MeterOptions(OicpTelemetry.MeterName)) ?? new Meter(OicpTelemetry.MeterName);
        _pushes = meter.CreateCounter<long>("oicp.push.requests", "{push}", "Pushes made through IEvseStatusPusher, by action, outcome and OICP or HTTP code.");
        _duration = meter.CreateHistogram<double>("oicp.push.duration", "s", "Time of a push, retries included.");
        _attempts = meter.CreateHistogram<int>("oicp.push.attempts", "{attempt}", "HTTP requests made for one push.");
    }

    public Activity? StartPush(ActionType actionType, int recordCount) =>
        OicpTelemetry.Source.StartActivity("oicp.push", ActivityKind.Client)?
            .SetTag(_operator.Key, _operator.Value)
            .SetTag("oicp.action", actionType.ToWireString())
            .SetTag("oicp.record_count", recordCount);

    public void Ended(Activity? activity, PushResult result)
    {
        // Tags are built only for a listener: with none, recording would cost a push about 0.05 us for nothing.
        if (_pushes.Enabled || _duration.Enabled || _attempts.Enabled)
        {
            var action = new KeyValuePair<string, object?>("oicp.action", result.ActionType.ToWireString());
            var outcome = new KeyValuePair<string, object?>("oicp.outcome", result.IsSuccess ? "success" : "failure");
            _pushes.Add(1, _operator, action, outcome, new("oicp.code", CodeOf(result)));
            _duration.Record(result.Elapsed.TotalSeconds, _operator, action, outcome);
            _attempts.Record(result.Attempts, _operator, action);
        }

        // A null value sets no tag: a push without an answer has no HTTP status.
        activity?.SetTag("oicp.code", CodeOf(result))
            .SetTag("oicp.attempts", result.Attempts)
            .SetTag("http.response.status_code", (int?)result.HttpStatusCode)
            .SetStatus(result.IsSuccess ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.IsSuccess ? null : result.FailureKind.ToString());
    }

    /// <summary>The OICP code when Hubject sent one, else the HTTP status, else the failure kind: bounded cardinality either way.</summary>
    internal static string CodeOf(PushResult? result) => result switch
    {
        null => "exception",
        { OicpCode: { } oicp } => oicp.Code,
        { HttpStatusCode: { } http } => "http_" + ((int)http).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => result.FailureKind.ToString(),
    };
}
