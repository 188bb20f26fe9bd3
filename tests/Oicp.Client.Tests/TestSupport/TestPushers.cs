using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Transport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.TestSupport;

/// <summary>Builds pushers over a MockHttp handler for unit tests.</summary>
internal static class TestPushers
{
    public const string BaseAddress = "https://oicp.test/api/oicp/";
    public const string StatusUrl = BaseAddress + "evsepush/v21/operators/DE*ABC/status-records";

    public const string SuccessAck = """
        { "Result": true, "StatusCode": { "Code": "000", "Description": null, "AdditionalInfo": null },
          "SessionID": null, "CPOPartnerSessionID": null, "EMPPartnerSessionID": null }
        """;

    public static OicpClientOptions Options(Action<OicpClientOptions>? configure = null)
    {
        var options = new OicpClientOptions
        {
            OperatorId = "DE*ABC",
            BaseAddress = new Uri(BaseAddress),
        };

        // Single-shot by default, so answer-shape tests see each answer once; retry tests opt in.
        options.Retry.MaxAttempts = 1;
        configure?.Invoke(options);
        return options;
    }

    public static EvseStatusPusher Create(MockHttpMessageHandler handler, Action<OicpClientOptions>? configure = null, TimeProvider? timeProvider = null) =>
        new(handler, Options(configure), loggerFactory: null, timeProvider ?? new FakeTimeProvider());

    /// <summary>A pusher over <paramref name="handler"/> (behind the SDK's wire handler, as the public constructor builds it) whose backoff randomness the test chooses.</summary>
    public static EvseStatusPusher CreateWithRandom(HttpMessageHandler handler, OicpClientOptions options, TimeProvider timeProvider, Func<double> random) =>
        new(options, wire =>
        {
            var client = new HttpClient(new WireHandler(wire) { InnerHandler = handler }, disposeHandler: false) { BaseAddress = options.GetEffectiveBaseAddress() };
            return () => client;
        }, loggerFactory: null, timeProvider, meterFactory: null, random);

    public static EvseId Evse(string id) => EvseId.Parse(id);

    public static EvseStatusRecord Record(string id, EvseStatus status) => new(EvseId.Parse(id), status);
}
