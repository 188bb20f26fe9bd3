using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Transport;

namespace Oicp.Client.Benchmarks.Pushing;

/// <summary>
/// Where a <c>PushStatusAsync</c> spends its time and memory, one layer of the SDK's transport added at a time over the
/// same canned handler: the generated client alone (with the request builder and the result factory), then the wire
/// handler in front of the handler, then the whole pusher (sequencing gate, Polly pipeline, telemetry).
/// </summary>
[MemoryDiagnoser]
public class PushStatusLayersBenchmarks
{
    private static readonly Uri BaseAddress = new("http://127.0.0.1/api/oicp/");
    private Fixture _fixture = null!;
    private PushRequestBuilder _builder = null!;
    private HttpClient _generatedOnly = null!;
    private HttpClient _withWireHandler = null!;
    private EvseStatusRecord[] _change = null!;
    private readonly RequestUriCache _requestUris = new();

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _change = [Fixture.Change];
        _builder = new PushRequestBuilder(OperatorId.Parse(Fixture.Operator), [], Fixture.OperatorName);
        _generatedOnly = new HttpClient(_fixture.Handler, disposeHandler: false) { BaseAddress = BaseAddress };
        var wire = new OperatorWire(new ExactSlidingWindowRateLimiter(2000, TimeSpan.FromMilliseconds(1), TimeProvider.System), 1024 * 1024);
        _withWireHandler = new HttpClient(new WireHandler(wire) { InnerHandler = _fixture.Handler }, disposeHandler: false) { BaseAddress = BaseAddress };
        _fixture.EnsureSameBytes(GeneratedClientAsync, RawPushAsync);
        _fixture.EnsureSameBytes(WithWireHandlerAsync, RawPushAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generatedOnly.Dispose();
        _withWireHandler.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + STJ update")]
    public Task RawPushAsync() => Succeeded.Raw(_fixture.Raw.PushAsync("update", _change));

    [Benchmark(Description = "1. request builder + generated client + result")]
    public Task GeneratedClientAsync() => Succeeded.Sdk(SendAsync(_generatedOnly));

    [Benchmark(Description = "2. ... + wire handler (rate limit, buffered answer)")]
    public Task WithWireHandlerAsync() => Succeeded.Sdk(SendAsync(_withWireHandler));

    [Benchmark(Description = "3. ... + gate, Polly pipeline, telemetry (PushStatusAsync)")]
    public Task PusherAsync() => Succeeded.Sdk(_fixture.Pusher.PushStatusAsync(_change[0].EvseId, _change[0].Status));

    /// <summary>What the pusher does for one attempt, without the gate, the pipeline and the telemetry around it.</summary>
    private async Task<PushResult> SendAsync(HttpClient httpClient)
    {
        var started = TimeProvider.System.GetTimestamp();
        var request = _builder.Build(ActionType.Update, _change, "records");
        var client = new OicpGeneratedClient(httpClient, percentEncodeOperatorId: false, _requestUris);
        var response = await client.PushEvseStatusAsync(request.OperatorEvseStatus.OperatorID, request, CancellationToken.None).ConfigureAwait(false);
        return PushResultFactory.FromResponse(new PushAttempt(ActionType.Update, 1, 1, started, TimeProvider.System), response);
    }
}
