using System.Diagnostics;

namespace Oicp.Client;

/// <summary>
/// The names under which the SDK reports metrics and traces, for OpenTelemetry:
/// <c>.WithMetrics(m =&gt; m.AddMeter(OicpTelemetry.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(OicpTelemetry.ActivitySourceName))</c>. The retries and timeouts of a push are
/// reported by Polly under its own meter, <c>Polly</c>. The instruments are listed in docs/publishing.md.
/// </summary>
public static class OicpTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the pusher and the publisher.</summary>
    public const string MeterName = "Oicp.Client";

    /// <summary>The name of the <see cref="ActivitySource"/> of the pusher (<c>oicp.push</c>) and the publisher (<c>oicp.publisher.push</c>).</summary>
    public const string ActivitySourceName = "Oicp.Client";

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
