using System.Diagnostics.Metrics;
using System.Globalization;

namespace Oicp.Samples.OcppBridge;

/// <summary>
/// Listens to the publisher's <c>oicp.publisher.staleness</c> histogram (meter <c>Oicp.Client</c>) of one host,
/// as an OpenTelemetry exporter would, and keeps the values for percentiles.
/// </summary>
public sealed class StalenessRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _values = [];

    public StalenessRecorder(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's meter: other publishers in the same process (tests) have meters of their own.
            if (instrument.Meter.Name == "Oicp.Client" && ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == "oicp.publisher.staleness")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_values)
            {
                _values.Add(value);
            }
        });
        _listener.Start();
    }

    public (double? P50, double? P99) Percentiles()
    {
        double[] sorted;
        lock (_values)
        {
            sorted = [.. _values];
        }

        if (sorted.Length == 0)
        {
            return (null, null);
        }

        Array.Sort(sorted);
        return (At(sorted, 0.50), At(sorted, 0.99));
    }

    public string Describe()
    {
        var (p50, p99) = Percentiles();
        int count;
        lock (_values)
        {
            count = _values.Count;
        }

        return p50 is null
            ? "no acknowledged change"
            : string.Create(CultureInfo.InvariantCulture, $"p50 {p50:F0} ms, p99 {p99:F0} ms over {count} acknowledged changes");
    }

    public void Dispose() => _listener.Dispose();

    private static double At(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
}
