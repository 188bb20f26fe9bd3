using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Oicp.Client.Testing.Tests.TestSupport;

/// <summary>Talks raw JSON to an emulator through its in-process handler, to test the emulator's rules without the SDK in between.</summary>
internal sealed class RawEmulatorClient : IDisposable
{
    public const string Base = "https://emulator.test/api/oicp/";

    public static readonly OperatorId Abc = OperatorId.Parse("DE*ABC");

    // HttpMessageInvoker calls the handler directly, so a request is inside the emulator as soon as SendAsync returns its task.
    private readonly HttpMessageInvoker _invoker;

    public RawEmulatorClient(Action<OicpEmulatorOptions>? configure = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var options = new OicpEmulatorOptions { TimeProvider = Clock };
        configure?.Invoke(options);
        Emulator = new OicpEmulator(options);
        Emulator.RegisterOperator(Abc);
        _invoker = new HttpMessageInvoker(Emulator.CreateHandler());
    }

    public FakeTimeProvider Clock { get; }

    public OicpEmulator Emulator { get; }

    public static string Body(string actionType, params (string EvseId, string Status)[] records) => Body(actionType, "DE*ABC", records);

    public static string Body(string actionType, string operatorId, params (string EvseId, string Status)[] records) =>
        JsonSerializer.Serialize(new
        {
            ActionType = actionType,
            OperatorEvseStatus = new
            {
                OperatorID = operatorId,
                EvseStatusRecord = records.Select(r => new { EvseID = r.EvseId, EvseStatus = r.Status }).ToArray(),
            },
        });

    public Task<HttpResponseMessage> SendAsync(string json, string pathOperator = "DE*ABC") => _invoker.SendAsync(Request(json, pathOperator), CancellationToken.None);

    public async Task<RawAnswer> PostAsync(string json, string pathOperator = "DE*ABC")
    {
        using var response = await SendAsync(json, pathOperator);
        return await RawAnswer.ReadAsync(response);
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>A push request with <paramref name="json"/> as its body, to the emulator's operation under <paramref name="baseAddress"/>.</summary>
    public static HttpRequestMessage Request(string json, string pathOperator = "DE*ABC", string baseAddress = Base) =>
        new(HttpMethod.Post, new Uri($"{baseAddress}evsepush/v21/operators/{pathOperator}/status-records"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
}

/// <summary>An answer read into memory: status, headers and the body as JSON (when it is JSON).</summary>
internal sealed record RawAnswer(HttpStatusCode Status, string? ContentType, string? ProcessId, string? RetryAfter, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public string? Code => Json.GetProperty("StatusCode").GetProperty("Code").GetString();

    public bool Result => Json.GetProperty("Result").GetBoolean();

    public string? AdditionalInfo => Json.GetProperty("StatusCode").GetProperty("AdditionalInfo").GetString();

    public IEnumerable<string?> FieldReferences => Json.GetProperty("validationErrors").EnumerateArray().Select(e => e.GetProperty("fieldReference").GetString());

    public static async Task<RawAnswer> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.MediaType,
        response.Headers.TryGetValues("Process-ID", out var ids) ? ids.Single() : null,
        response.Headers.TryGetValues("Retry-After", out var waits) ? waits.Single() : null,
        await response.Content.ReadAsStringAsync());
}
