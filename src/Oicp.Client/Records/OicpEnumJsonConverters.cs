using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oicp.Client;

/// <summary>Reads and writes an <see cref="EvseStatus"/> with its exact OICP wire spelling.</summary>
public sealed class EvseStatusJsonConverter : JsonConverter<EvseStatus>
{
    /// <inheritdoc />
    public override EvseStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"An EvseStatus must be a JSON string, not {reader.TokenType}.");
        return OicpWireNames.TryParseEvseStatus(text, out var status)
            ? status
            : throw new JsonException($"'{text}' is not an OICP EvseStatus (Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EvseStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWireString());
    }
}

/// <summary>Reads and writes an <see cref="ActionType"/> with its exact OICP wire spelling.</summary>
public sealed class ActionTypeJsonConverter : JsonConverter<ActionType>
{
    /// <inheritdoc />
    public override ActionType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"An ActionType must be a JSON string, not {reader.TokenType}.");
        return OicpWireNames.TryParseActionType(text, out var actionType)
            ? actionType
            : throw new JsonException($"'{text}' is not an OICP ActionType (fullLoad, update, insert, delete).");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ActionType value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWireString());
    }
}
