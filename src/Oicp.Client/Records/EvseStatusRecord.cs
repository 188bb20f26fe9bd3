using System.Text.Json.Serialization;
using Oicp.Client.Records.Internal;

namespace Oicp.Client;

/// <summary>The status of one EVSE, as pushed to Hubject (on the wire <c>{"EvseID": "...", "EvseStatus": "..."}</c>).</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Status">Its status.</param>
[JsonConverter(typeof(EvseStatusRecordJsonConverter))]
public readonly record struct EvseStatusRecord(EvseId EvseId, EvseStatus Status);
