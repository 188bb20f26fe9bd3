using Oicp.Client.Ids.Internal;

namespace Oicp.Client.Records.Internal;

/// <summary>Reads and writes an <see cref="EvseStatus"/> with its exact OICP wire spelling.</summary>
internal sealed class EvseStatusJsonConverter() : WireStringJsonConverter<EvseStatus>(
    "EvseStatus",
    OicpWireNames.TryParseEvseStatus,
    static value => value.ToWireString(),
    static text => $"'{text}' is not an OICP EvseStatus (Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown).");

/// <summary>Reads and writes an <see cref="ActionType"/> with its exact OICP wire spelling.</summary>
internal sealed class ActionTypeJsonConverter() : WireStringJsonConverter<ActionType>(
    "ActionType",
    OicpWireNames.TryParseActionType,
    static value => value.ToWireString(),
    static text => $"'{text}' is not an OICP ActionType (fullLoad, update, insert, delete).");

/// <summary>Reads and writes an <see cref="EvseId"/> as a JSON string.</summary>
internal sealed class EvseIdJsonConverter() : WireStringJsonConverter<EvseId>(
    "EvseID",
    EvseId.TryParse,
    static value => value.IsEmpty ? null : value.ToString(),
    static text => $"'{text}' is not a valid EvseID: {IdPatterns.EvseIdRule}.");

/// <summary>Reads and writes an <see cref="OperatorId"/> as a JSON string.</summary>
internal sealed class OperatorIdJsonConverter() : WireStringJsonConverter<OperatorId>(
    "OperatorID",
    OperatorId.TryParse,
    static value => value.IsEmpty ? null : value.ToString(),
    static text => $"'{text}' is not a valid OperatorID: {IdPatterns.OperatorIdRule}.");
