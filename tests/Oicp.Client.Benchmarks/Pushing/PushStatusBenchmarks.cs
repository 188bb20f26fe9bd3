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
        _change = [new EvseStatusRecord(EvseId.Parse("DE*ABC*E1001*1"), EvseStatus.Occupied)];
        var bytes = _fixture.EnsureSameBytes(PushStatusAsync, RawPushAsync);
        JsonSent.Record(typeof(PushStatusBenchmarks), 1, bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ update")]
    public Task RawPushAsync() => Check(_fixture.Raw.PushAsync("update", _change));

    [Benchmark(Description = "SDK PushStatusAsync")]
    public async Task PushStatusAsync()
    {
        var result = await _fixture.Pusher.PushStatusAsync(_change[0].EvseId, _change[0].Status).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    private static async Task Check(Task<bool> push)
    {
        if (!await push.ConfigureAwait(false))
        {
            throw new InvalidOperationException("The baseline push failed.");
        }
    }
}
