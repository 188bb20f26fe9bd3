using System.Globalization;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>The SDK and the baseline, both over one <see cref="CannedAcknowledgmentHandler"/>.</summary>
public sealed class Fixture : IDisposable
{
    public const string Operator = "DE*ABC";
    public const string OperatorName = "ABC Charging";
    private static readonly Uri BaseAddress = new("http://127.0.0.1/api/oicp/");

    public Fixture()
    {
        Handler = new CannedAcknowledgmentHandler();
        HttpClient = new HttpClient(Handler, disposeHandler: true);
        var options = new OicpClientOptions { BaseAddress = BaseAddress, OperatorId = Operator, OperatorName = OperatorName };
        options.RateLimit.PermitLimit = 0; // off: the benchmark pushes far more than Hubject's limit
        Pusher = new EvseStatusPusher(Handler, options);
        Raw = new RawHubjectClient(HttpClient, new Uri(BaseAddress, $"evsepush/v21/operators/{Operator}/status-records"), Operator, OperatorName);
    }

    public CannedAcknowledgmentHandler Handler { get; }

    public HttpClient HttpClient { get; }

    public EvseStatusPusher Pusher { get; }

    public RawHubjectClient Raw { get; }

    public static EvseStatusRecord[] Records(int count)
    {
        var records = new EvseStatusRecord[count];
        for (var i = 0; i < count; i++)
        {
            var evseId = EvseId.Parse(string.Create(CultureInfo.InvariantCulture, $"{Operator}*E{i:D7}"));
            records[i] = new EvseStatusRecord(evseId, (EvseStatus)(i % 4));
        }

        return records;
    }

    /// <summary>Sends once through each path and fails unless both bodies are byte for byte the same; returns the size.</summary>
    public long EnsureSameBytes(Func<Task> sdk, Func<Task> raw)
    {
        byte[] Body(Func<Task> send)
        {
            using var capture = new MemoryStream();
            Handler.Capture = capture;
            send().GetAwaiter().GetResult();
            Handler.Capture = null;
            return capture.ToArray();
        }

        var sdkBody = Body(sdk);
        var rawBody = Body(raw);
        if (!sdkBody.AsSpan().SequenceEqual(rawBody))
        {
            throw new InvalidOperationException("The SDK and the baseline sent different bodies; the comparison would be unfair.");
        }

        return sdkBody.Length;
    }

    public void Dispose() => HttpClient.Dispose();
}
