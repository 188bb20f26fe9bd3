using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;
using Oicp.Client.Publishing;

namespace Oicp.Client.Benchmarks.Publishing;

/// <summary>
/// <see cref="EvseStatusPublisher.Publish"/> in steady state: every EVSE is known and already waiting to be
/// sent, so each change coalesces. The publisher is never started, so nothing consumes the backlog.
/// The baseline is the least a coalescing buffer must do: a locked dictionary write.
/// </summary>
[MemoryDiagnoser]
public class PublishSteadyStateBenchmarks
{
    private const int Evses = 100_000;
    private readonly object _rawGate = new();
    private readonly Dictionary<EvseId, EvseStatus> _raw = new(Evses);
    private EvseId[] _ids = null!;
    private EvseStatusPublisher _publisher = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _ids = Fixture.Records(Evses).Select(record => record.EvseId).ToArray();
        _publisher = PublisherFactory.Create();
        foreach (var id in _ids)
        {
            _publisher.Publish(id, EvseStatus.Available);
            _raw[id] = EvseStatus.Available;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _publisher.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Evses, Description = "Raw locked Dictionary write")]
    public void RawDictionary()
    {
        var status = (EvseStatus)(++_round % 4);
        foreach (var id in _ids)
        {
            lock (_rawGate)
            {
                _raw[id] = status;
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Evses, Description = "Publisher.Publish (per change)")]
    public void Publish()
    {
        var status = (EvseStatus)(++_round % 4);
        foreach (var id in _ids)
        {
            _publisher.Publish(id, status);
        }
    }
}

/// <summary>1,000,000 changes over 100,000 EVSEs into a fresh publisher: first sight of every EVSE, then coalescing.</summary>
[MemoryDiagnoser]
public class PublishIngestionBenchmarks
{
    private const int Evses = 100_000;
    private const int Changes = 1_000_000;
    private EvseId[] _ids = null!;
    private EvseStatusPublisher _publisher = null!;
    private Dictionary<EvseId, EvseStatus> _raw = null!;

    [GlobalSetup]
    public void Setup() => _ids = Fixture.Records(Evses).Select(record => record.EvseId).ToArray();

    [IterationSetup]
    public void CreateTargets()
    {
        _publisher = PublisherFactory.Create();
        _raw = [];
    }

    [IterationCleanup]
    public void DisposeTargets() => _publisher.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Raw locked Dictionary, 1M changes / 100k EVSEs")]
    public void RawDictionary()
    {
        var gate = new object();
        for (var i = 0; i < Changes; i++)
        {
            lock (gate)
            {
                _raw[_ids[i % Evses]] = (EvseStatus)(i / Evses % 4);
            }
        }
    }

    [Benchmark(Description = "Publisher, 1M changes / 100k EVSEs")]
    public void Publish()
    {
        for (var i = 0; i < Changes; i++)
        {
            _publisher.Publish(_ids[i % Evses], (EvseStatus)(i / Evses % 4));
        }
    }
}

internal static class PublisherFactory
{
    /// <summary>A publisher whose pusher never answers; it is not started, so it only ingests and coalesces.</summary>
    public static EvseStatusPublisher Create() =>
        new(new NeverAnsweringPusher(), new EvseStatusPublisherOptions { DailyFullLoadTime = null });

    private sealed class NeverAnsweringPusher : IEvseStatusPusher
    {
        private readonly TaskCompletionSource<PushResult> _never = new();

        public OperatorId OperatorId { get; } = OperatorId.Parse(Fixture.Operator);

        public Task<PushResult> PushStatusAsync(EvseId evseId, EvseStatus status, CancellationToken cancellationToken = default) => _never.Task;

        public Task<PushResult> PushAsync(ActionType actionType, IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) => _never.Task;

        public Task<PushResult> FullLoadAsync(IEnumerable<EvseStatusRecord> records, CancellationToken cancellationToken = default) => _never.Task;
    }
}
