using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// The baseline: what a developer would write by hand with HttpClient and source-generated
/// System.Text.Json, without the SDK. No validation, no retries, no logging; it sends the same bytes.
/// </summary>
public sealed class RawHubjectClient(HttpClient httpClient, Uri pushUri, string operatorId, string operatorName)
{
    public async Task<bool> PushAsync(string actionType, IReadOnlyList<EvseStatusRecord> records, CancellationToken cancellationToken = default)
    {
        var dtos = new RawEvseStatusRecord[records.Count];
        for (var i = 0; i < dtos.Length; i++)
        {
            dtos[i] = new RawEvseStatusRecord(records[i].EvseId.ToString(), records[i].Status.ToWireString());
        }

        var body = new RawPushRequest(actionType, new RawOperatorEvseStatus(operatorId, operatorName, dtos));
        using var response = await httpClient.PostAsJsonAsync(pushUri, body, RawJsonContext.Default.RawPushRequest, cancellationToken).ConfigureAwait(false);
        var ack = await response.Content.ReadFromJsonAsync(RawJsonContext.Default.RawAcknowledgment, cancellationToken).ConfigureAwait(false);
        return IsSuccess(ack);
    }

    public static bool IsSuccess(RawAcknowledgment? ack) => ack is { Result: true, StatusCode.Code: "000" };
}

public sealed record RawPushRequest(string ActionType, RawOperatorEvseStatus OperatorEvseStatus);

public sealed record RawOperatorEvseStatus(string OperatorID, string OperatorName, RawEvseStatusRecord[] EvseStatusRecord);

public sealed record RawEvseStatusRecord(string EvseID, string EvseStatus);

public sealed record RawAcknowledgment(bool Result, RawStatusCode? StatusCode, string? SessionID, string? CPOPartnerSessionID, string? EMPPartnerSessionID);

public sealed record RawStatusCode(string? Code, string? Description, string? AdditionalInfo);

[JsonSerializable(typeof(RawPushRequest))]
[JsonSerializable(typeof(RawAcknowledgment))]
internal sealed partial class RawJsonContext : JsonSerializerContext;
