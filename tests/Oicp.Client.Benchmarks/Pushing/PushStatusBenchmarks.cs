using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;

namespace Oicp.Client.Benchmarks.Pushing;

/// <summary>One status change: request build, validation, serialization, send, acknowledgement parsing.</summary>
[MemoryDiagnoser]
public class PushStatusBenchmarks
{
    private Fixture _fixture = null!;
    private EvseStatusRecord[] _change = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _change = [Fixture.Change];
        var bytes = _fixture.EnsureSameBytes(PushStatusAsync, RawPushAsync);
        _fixture.EnsureSameBytes(RegisteredPushStatusAsync, RawPushAsync);
        JsonSent.Record(typeof(PushStatusBenchmarks), 1, bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ update")]
    public Task RawPushAsync() => Succeeded.Raw(_fixture.Raw.PushAsync("update", _change));

    [Benchmark(Description = "SDK PushStatusAsync")]
    public Task PushStatusAsync() => Succeeded.Sdk(_fixture.Pusher.PushStatusAsync(_change[0].EvseId, _change[0].Status));

    [Benchmark(Description = "SDK PushStatusAsync, registered (DI)")]
    public Task RegisteredPushStatusAsync() => Succeeded.Sdk(_fixture.RegisteredPusher.PushStatusAsync(_change[0].EvseId, _change[0].Status));
}
