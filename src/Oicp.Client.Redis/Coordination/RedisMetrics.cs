using System.Diagnostics.Metrics;

namespace Oicp.Client.Redis;

/// <summary>The coordination's instruments on the <c>Oicp.Client.Redis</c> meter, tagged with the operator.</summary>
internal sealed class RedisMetrics : IDisposable
{
    public const string MeterName = "Oicp.Client.Redis";

    private readonly Counter<long> _flushed;
    private readonly Counter<long> _flushFailures;
    private readonly Counter<long> _leasesAcquired;
    private readonly KeyValuePair<string, object?> _operator;

    public RedisMetrics(IMeterFactory? meterFactory, string operatorId, Func<int> localWaiting, Func<bool> holding)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _operator = new("oicp.operator_id", operatorId);
        _flushed = Meter.CreateCounter<long>("oicp.redis.changes.flushed", "{change}", "Changes handed from this instance's memory to Redis.");
        _flushFailures = Meter.CreateCounter<long>("oicp.redis.flush.failures", "{failure}", "Attempts to hand changes to Redis that failed; the changes stay in memory.");
        _leasesAcquired = Meter.CreateCounter<long>("oicp.redis.lease.acquired", "{lease}", "Times this instance took the lease and became the one that sends.");
        Meter.CreateObservableGauge("oicp.redis.changes.local", () => new Measurement<int>(localWaiting(), _operator), "{change}", "Changes waiting in this instance's memory to be handed to Redis.");
        Meter.CreateObservableGauge("oicp.redis.lease.held", () => new Measurement<int>(holding() ? 1 : 0, _operator), "{lease}", "1 while this instance holds the lease of the operator.");
    }

    public Meter Meter { get; }

    public void Flushed(int count) => _flushed.Add(count, _operator);

    public void FlushFailed() => _flushFailures.Add(1, _operator);

    public void LeaseAcquired() => _leasesAcquired.Add(1, _operator);

    public void Dispose() => Meter.Dispose();
}
