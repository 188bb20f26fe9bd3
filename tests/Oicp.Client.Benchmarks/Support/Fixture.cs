using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// The SDK and the baseline, both over one <see cref="CannedAcknowledgmentHandler"/>: the SDK as constructed over a
/// handler (<see cref="Pusher"/>) and as an application gets it from <c>AddOicpEvseStatusPusher</c>
/// (<see cref="RegisteredPusher"/>).
/// </summary>
public sealed class Fixture : IDisposable
{
    public const string Operator = "DE*ABC";
    public const string OperatorName = "ABC Charging";
    private static readonly Uri BaseAddress = new("http://127.0.0.1/api/oicp/");
    private readonly ServiceProvider _services;

    public Fixture()
    {
        Handler = new CannedAcknowledgmentHandler();
        HttpClient = new HttpClient(Handler, disposeHandler: true);
        Pusher = new EvseStatusPusher(Handler, Configure(new OicpClientOptions()));
        Raw = new RawHubjectClient(HttpClient, new Uri(BaseAddress, $"evsepush/v21/operators/{Operator}/status-records"), Operator, OperatorName);

        // What AddOicpEvseStatusPusher gives an application: IHttpClientFactory's handler chain (with its logging
        // handlers), a logger factory (so Polly's telemetry is on) and a meter factory. No logging provider: the
        // benchmark measures the SDK, not a console.
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddOicpEvseStatusPusher(options => Configure(options)).ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        RegisteredPusher = _services.GetRequiredService<IEvseStatusPusher>();
    }

    public CannedAcknowledgmentHandler Handler { get; }

    public HttpClient HttpClient { get; }

    public EvseStatusPusher Pusher { get; }

    public IEvseStatusPusher RegisteredPusher { get; }

    public RawHubjectClient Raw { get; }

    /// <summary>The one status change every PushStatusAsync case sends.</summary>
    public static EvseStatusRecord Change { get; } = new(EvseId.Parse("DE*ABC*E1001*1"), EvseStatus.Occupied);

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

    public void Dispose()
    {
        _services.Dispose();
        HttpClient.Dispose();
    }

    /// <remarks>
    /// The rate limit stays on with its default 2000 permits, so every request is counted as in production, but over a
    /// window of 1 ms: no benchmark pushes 2000 times in a millisecond, so none ever waits for room.
    /// </remarks>
    private static OicpClientOptions Configure(OicpClientOptions options)
    {
        options.BaseAddress = BaseAddress;
        options.OperatorId = Operator;
        options.OperatorName = OperatorName;
        options.RateLimit.Window = TimeSpan.FromMilliseconds(1);
        return options;
    }
}
