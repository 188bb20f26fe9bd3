using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Oicp.Client.Benchmarks.Support;
using Oicp.Client.Pushing.Internal;
using Oicp.Client.Transport;

namespace Oicp.Client.Benchmarks.Pushing;

/// <summary>Reading Hubject's acknowledgement into a result, without HTTP.</summary>
[MemoryDiagnoser]
public class AcknowledgmentParsingBenchmarks
{
    private static readonly Dictionary<string, IEnumerable<string>> Headers = new() { ["Process-ID"] = ["8f0c2a"] };

    [Benchmark(Baseline = true, Description = "Raw STJ source-generated ack")]
    public bool RawParse() =>
        RawHubjectClient.IsSuccess(JsonSerializer.Deserialize(CannedAcknowledgmentHandler.Acknowledgment, RawJsonContext.Default.RawAcknowledgment));

    [Benchmark(Description = "SDK ack -> PushResult")]
    public bool SdkParse()
    {
        // The generated client's own options (source-generated metadata, the wire converters and the checks of
        // AcknowledgmentContract), then our result factory; the headers as the generated client hands them over.
        var ack = JsonSerializer.Deserialize<Acknowledgment>(CannedAcknowledgmentHandler.Acknowledgment, OicpGeneratedClient.SerializerOptions)!;
        return PushResultFactory.FromResponse(new PushAttempt(ActionType.Update, 1, 1, TimeProvider.System.GetTimestamp(), TimeProvider.System), new OicpResponse<Acknowledgment>(200, Headers, ack)).IsSuccess;
    }
}
