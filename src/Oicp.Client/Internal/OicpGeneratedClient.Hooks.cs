using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Internal.Generated;

/// <summary>
/// Our side of the generated client's extension points: serializer settings backed by the
/// source-generated <see cref="OicpJsonContext"/>, the base address, the encoding of the
/// OperatorID in the path (called from our template override in openapi/templates), and the response size cap.
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The generated client's JsonSerializerOptions resolve every type through OicpJsonContext (source-generated metadata for exactly the request, acknowledgement and fault types the client uses).")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The generated client's JsonSerializerOptions resolve every type through OicpJsonContext (source-generated metadata), so no code is generated at run time.")]
internal partial class OicpGeneratedClient
{
    private readonly Uri? _baseAddress;
    private readonly bool _percentEncodeOperatorId;
    private readonly long _maxResponseBytes = long.MaxValue;

    public OicpGeneratedClient(HttpClient httpClient, Uri baseAddress, bool percentEncodeOperatorId, long maxResponseBytes)
        : this(httpClient)
    {
        _baseAddress = baseAddress;
        _percentEncodeOperatorId = percentEncodeOperatorId;
        _maxResponseBytes = maxResponseBytes;
    }

    /// <summary>Gets the serializer options every generated client uses (for the benchmarks of acknowledgement parsing).</summary>
    internal static JsonSerializerOptions SerializerOptions => _settings.Value;

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // NSwag marks enum properties with JsonStringEnumConverter, which ignores [EnumMember] and
        // would write "FullLoad" instead of "fullLoad". Replace it with converters that write the
        // spec's spellings.
        settings.TypeInfoResolver = OicpJsonContext.Default.WithAddedModifier(static typeInfo =>
        {
            foreach (var property in typeInfo.Properties)
            {
                if (property.PropertyType == typeof(ActionType))
                {
                    property.CustomConverter = GeneratedEnumConverters.ActionType;
                }
                else if (property.PropertyType == typeof(EvseStatus))
                {
                    property.CustomConverter = GeneratedEnumConverters.EvseStatus;
                }
                else if (property.PropertyType == typeof(IReadOnlyList<EvseStatusRecord>))
                {
                    property.CustomConverter = ValidatedEvseStatusRecords.Converter.Instance;
                }
            }
        });
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        // Refuse a declared oversize body at once; cap an undeclared one while it is read. A declared
        // length within the limit needs no cap: the handler reads no more than Content-Length.
        var declared = response.Content.Headers.ContentLength;
        if (declared > _maxResponseBytes)
        {
            throw new ResponseTooLargeException(response.StatusCode, _maxResponseBytes);
        }

        if (declared is not null)
        {
            return;
        }

        response.Content = new SizeLimitedContent(response.Content, _maxResponseBytes, response.StatusCode);
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder)
    {
        if (_baseAddress is not null)
        {
            urlBuilder.Insert(0, _baseAddress.AbsoluteUri);
        }
    }

    /// <summary>
    /// Writes a path parameter (our template override of Client.Class.PathParameter). Uri.EscapeDataString
    /// writes '*' as %2A and '+' as %2B; unless asked to, we send them literally, as Hubject's examples do.
    /// </summary>
    private void AppendPathParameter(StringBuilder urlBuilder, string value)
    {
        var escaped = Uri.EscapeDataString(value);
        if (_percentEncodeOperatorId || ReferenceEquals(escaped, value) || escaped.AsSpan().IndexOf('%') < 0)
        {
            urlBuilder.Append(escaped);
            return;
        }

        var start = urlBuilder.Length;
        urlBuilder.Append(escaped).Replace("%2A", "*", start, escaped.Length);
        urlBuilder.Replace("%2B", "+", start, urlBuilder.Length - start);
    }
}

/// <summary>Source-generated serialization metadata for every type the generated client reads or writes.</summary>
[JsonSerializable(typeof(PushEvseStatusRequest))]
[JsonSerializable(typeof(Acknowledgment))]
[JsonSerializable(typeof(ValidationFault))]
internal sealed partial class OicpJsonContext : JsonSerializerContext;

/// <summary>Wire-exact converters for the generated enums, sharing the public enums' spellings.</summary>
internal static class GeneratedEnumConverters
{
    public static readonly JsonConverter<ActionType> ActionType = new ActionTypeConverter();
    public static readonly JsonConverter<EvseStatus> EvseStatus = new EvseStatusConverter();

    private sealed class ActionTypeConverter : WireStringJsonConverter<ActionType>
    {
        protected override string WireTypeName => "ActionType";

        protected override bool TryParse(string? text, out ActionType value)
        {
            var parsed = OicpWireNames.TryParseActionType(text, out var action);
            value = (ActionType)(int)action;
            return parsed;
        }

        protected override string? Format(ActionType value) => ((Client.ActionType)(int)value).ToWireString();

        protected override string InvalidMessage(string? text) => $"'{text}' is not an OICP ActionType.";
    }

    private sealed class EvseStatusConverter : WireStringJsonConverter<EvseStatus>
    {
        protected override string WireTypeName => "EvseStatus";

        protected override bool TryParse(string? text, out EvseStatus value)
        {
            var parsed = OicpWireNames.TryParseEvseStatus(text, out var status);
            value = (EvseStatus)(int)status;
            return parsed;
        }

        protected override string? Format(EvseStatus value) => ((Client.EvseStatus)(int)value).ToWireString();

        protected override string InvalidMessage(string? text) => $"'{text}' is not an OICP EvseStatus.";
    }
}
