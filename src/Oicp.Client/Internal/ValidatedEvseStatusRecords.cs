using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oicp.Client.Internal.Generated;

namespace Oicp.Client.Internal;

/// <summary>
/// The records of a request after <see cref="PushRequestBuilder"/> validated them, standing in for the
/// generated <c>List&lt;EvseStatusRecord&gt;</c> DTOs. <see cref="Converter"/> writes them straight from
/// our record structs, so a fullLoad of a million EVSEs does not allocate a million DTO objects; the
/// bytes are the same as those the generated DTOs would serialize to.
/// </summary>
internal sealed class ValidatedEvseStatusRecords(EvseStatusRecord[] records) : IReadOnlyList<Generated.EvseStatusRecord>
{
    public int Count => records.Length;

    public ReadOnlySpan<EvseStatusRecord> Records => records;

    /// <summary>A DTO made on demand; serialization never goes through here.</summary>
    public Generated.EvseStatusRecord this[int index] => new()
    {
        EvseID = records[index].EvseId.ToString(),
        EvseStatus = (Generated.EvseStatus)(int)records[index].Status,
    };

    public IEnumerator<Generated.EvseStatusRecord> GetEnumerator()
    {
        for (var i = 0; i < records.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes <c>OperatorEvseStatus.EvseStatusRecord</c>; reads it as the generated metadata would.</summary>
    public sealed class Converter : JsonConverter<IReadOnlyList<Generated.EvseStatusRecord>>
    {
        // The generated DTO's property names (NSwag keeps the schema's names, which are valid C# identifiers).
        private static readonly JsonEncodedText EvseIdName = JsonEncodedText.Encode(nameof(Generated.EvseStatusRecord.EvseID));
        private static readonly JsonEncodedText EvseStatusName = JsonEncodedText.Encode(nameof(Generated.EvseStatusRecord.EvseStatus));

        public static readonly Converter Instance = new();

        public override IReadOnlyList<Generated.EvseStatusRecord>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, OicpJsonContext.Default.IReadOnlyListEvseStatusRecord);

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<Generated.EvseStatusRecord> value, JsonSerializerOptions options)
        {
            if (value is not ValidatedEvseStatusRecords validated)
            {
                JsonSerializer.Serialize(writer, value, OicpJsonContext.Default.IReadOnlyListEvseStatusRecord);
                return;
            }

            writer.WriteStartArray();
            foreach (var record in validated.Records)
            {
                writer.WriteStartObject();
                writer.WriteString(EvseIdName, record.EvseId.ToString());
                writer.WriteString(EvseStatusName, record.Status.ToWireString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
