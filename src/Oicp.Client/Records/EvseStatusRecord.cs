using System.Text.Json.Serialization;

namespace Oicp.Client;

/// <summary>The status of one EVSE, as pushed to Hubject (on the wire <c>{"EvseID": "...", "EvseStatus": "..."}</c>).</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Status">Its status.</param>
public readonly record struct EvseStatusRecord(
    [property: JsonPropertyName("EvseID")] EvseId EvseId,
    [property: JsonPropertyName("EvseStatus")] EvseStatus Status);
