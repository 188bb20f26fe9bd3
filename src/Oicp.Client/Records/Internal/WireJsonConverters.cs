using Oicp.Client.Ids.Internal;

namespace Oicp.Client.Records.Internal;

/// <summary>Reads and writes an <see cref="EvseStatus"/> with its exact OICP wire spelling.</summary>
internal sealed class EvseStatusJsonConverter : WireStringJsonConverter<EvseStatus>
{
    protected override string WireTypeName => "EvseStatus";

    protected override bool TryParse(string? text, out EvseStatus value) => OicpWireNames.TryParseEvseStatus(text, out value);

    protected override string? Format(EvseStatus value) => value.ToWireString();

    protected override string InvalidMessage(string? text) =>
        $"'{text}' is not an OICP EvseStatus (Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown).";
}

/// <summary>Reads and writes an <see cref="ActionType"/> with its exact OICP wire spelling.</summary>
internal sealed class ActionTypeJsonConverter : WireStringJsonConverter<ActionType>
{
    protected override string WireTypeName => "ActionType";

    protected override bool TryParse(string? text, out ActionType value) => OicpWireNames.TryParseActionType(text, out value);

    protected override string? Format(ActionType value) => value.ToWireString();

    protected override string InvalidMessage(string? text) => $"'{text}' is not an OICP ActionType (fullLoad, update, insert, delete).";
}

/// <summary>Reads and writes an <see cref="EvseId"/> as a JSON string.</summary>
internal sealed class EvseIdJsonConverter : WireStringJsonConverter<EvseId>
{
    protected override string WireTypeName => "EvseID";

    protected override bool TryParse(string? text, out EvseId value) => EvseId.TryParse(text, out value);

    protected override string? Format(EvseId value) => value.IsEmpty ? null : value.ToString();

    protected override string InvalidMessage(string? text) => $"'{text}' is not a valid EvseID: {IdPatterns.EvseIdRule}.";
}

/// <summary>Reads and writes an <see cref="OperatorId"/> as a JSON string.</summary>
internal sealed class OperatorIdJsonConverter : WireStringJsonConverter<OperatorId>
{
    protected override string WireTypeName => "OperatorID";

    protected override bool TryParse(string? text, out OperatorId value) => OperatorId.TryParse(text, out value);

    protected override string? Format(OperatorId value) => value.IsEmpty ? null : value.ToString();

    protected override string InvalidMessage(string? text) => $"'{text}' is not a valid OperatorID: {IdPatterns.OperatorIdRule}.";
}
