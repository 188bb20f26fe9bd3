using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oicp.Client.Records.Internal;

/// <summary>
/// Reads and writes a value type as a JSON string through its own strict parser, so that JSON
/// never accepts what <c>Parse</c> would refuse and errors name the value and the rule.
/// </summary>
/// <param name="wireTypeName">The OICP name of the type, for error messages (for example "EvseID").</param>
/// <param name="tryParse">The type's strict parser.</param>
/// <param name="format">Returns the wire text, or <see langword="null"/> for a value that must not be written.</param>
/// <param name="invalidMessage">Says why a text is not a value of the type.</param>
internal abstract class WireStringJsonConverter<T>(
    string wireTypeName, WireStringJsonConverter<T>.Parser tryParse, Func<T, string?> format, Func<string?, string> invalidMessage) : JsonConverter<T>
    where T : struct
{
    public delegate bool Parser(string? text, out T value);

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"An {wireTypeName} must be a JSON string, not {reader.TokenType}.");
        return tryParse(text, out var value) ? value : throw new JsonException(invalidMessage(text));
    }

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(format(value) ?? throw new JsonException($"An empty (default) {wireTypeName} cannot be written."));
    }
}
