using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;

namespace Oicp.Client.Benchmarks.Pushing;

/// <summary>A fullLoad of N records in one request (validation of every record included for the SDK).</summary>
[MemoryDiagnoser]
public class FullLoadBenchmarks
{
    private Fixture _fixture = null!;
    private EvseStatusRecord[] _records = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int RecordCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _records = Fixture.Records(RecordCount);
        var bytes = _fixture.EnsureSameBytes(FullLoadAsync, RawFullLoadAsync);
        JsonSent.Record(typeof(FullLoadBenchmarks), RecordCount, bytes);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ fullLoad")]
    public Task RawFullLoadAsync() => Succeeded.Raw(_fixture.Raw.PushAsync("fullLoad", _records));

    [Benchmark(Description = "SDK FullLoadAsync")]
    public Task FullLoadAsync() => Succeeded.Sdk(_fixture.Pusher.FullLoadAsync(_records));
}
