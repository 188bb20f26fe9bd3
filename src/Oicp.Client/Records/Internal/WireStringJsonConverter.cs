using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oicp.Client.Records.Internal;

/// <summary>
/// Reads and writes a value type as a JSON string through its own strict parser, so that JSON
/// never accepts what <c>Parse</c> would refuse and errors name the value and the rule.
/// </summary>
internal abstract class WireStringJsonConverter<T> : JsonConverter<T>
    where T : struct
{
    /// <summary>Gets the OICP name of the type, for error messages (for example "EvseID").</summary>
    protected abstract string WireTypeName { get; }

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"An {WireTypeName} must be a JSON string, not {reader.TokenType}.");
        return TryParse(text, out var value) ? value : throw new JsonException(InvalidMessage(text));
    }

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value) ?? throw new JsonException($"An empty (default) {WireTypeName} cannot be written."));
    }

    protected abstract bool TryParse(string? text, out T value);

    /// <summary>Returns the wire text, or <see langword="null"/> for a value that must not be written.</summary>
    protected abstract string? Format(T value);

    protected abstract string InvalidMessage(string? text);
}
