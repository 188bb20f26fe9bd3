using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Transport;

namespace Oicp.Client.Benchmarks.Pushing;

/// <summary>
/// Where a fullLoad spends its time and memory, at 100,000 and 1,000,000 records (so the layer that does not scale
/// shows): the request builder alone (pooled copy of the records, validation, duplicate check), the serialization of the
/// built request alone, and the whole push.
/// </summary>
[MemoryDiagnoser]
public class FullLoadLayersBenchmarks
{
    private Fixture _fixture = null!;
    private EvseStatusRecord[] _records = null!;
    private PushRequestBuilder _builder = null!;
    private PushEvseStatusRequest _built = null!;

    [Params(100_000, 1_000_000)]
    public int RecordCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _records = Fixture.Records(RecordCount);
        _builder = new PushRequestBuilder(OperatorId.Parse(Fixture.Operator), [], Fixture.OperatorName);
        _built = _builder.Build(ActionType.FullLoad, _records, "records");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PushRequestBuilder.Release(_built);
        _fixture.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ fullLoad")]
    public Task RawFullLoadAsync() => Succeeded.Raw(_fixture.Raw.PushAsync("fullLoad", _records));

    [Benchmark(Description = "a. request builder (pooled copy, validation, duplicate check)")]
    public int Build()
    {
        var request = _builder.Build(ActionType.FullLoad, _records, "records");
        PushRequestBuilder.Release(request);
        return request.OperatorEvseStatus.EvseStatusRecord.Count;
    }

    [Benchmark(Description = "b. PooledJsonContent of the built request (the SDK's serialization)")]
    public long Serialize()
    {
        using var content = PooledJsonContent.Create(_built, OicpGeneratedClient.SerializerOptions, "application/json");
        return content.Headers.ContentLength ?? 0;
    }

    [Benchmark(Description = "c. SDK FullLoadAsync (a + b + send)")]
    public Task FullLoadAsync() => Succeeded.Sdk(_fixture.Pusher.FullLoadAsync(_records));
}
