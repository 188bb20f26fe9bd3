using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Internal.Generated;

/// <summary>
/// Our side of the generated client's extension points: serializer settings backed by the
/// source-generated <see cref="OicpJsonContext"/>, the base address, and the encoding of the
/// OperatorID in the path.
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The generated client's JsonSerializerOptions resolve every type through OicpJsonContext (source-generated metadata for exactly the request, acknowledgement and fault types the client uses).")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The generated client's JsonSerializerOptions resolve every type through OicpJsonContext (source-generated metadata), so no code is generated at run time.")]
[UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ConvertToString reflects over enum fields only for enum arguments; the only parameter it converts is the operatorID string.")]
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
            }
        });
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        // Refuse a declared oversize body at once; cap an undeclared one while it is read.
        if (response.Content.Headers.ContentLength > _maxResponseBytes)
        {
            throw new ResponseTooLargeException(response.StatusCode, _maxResponseBytes);
        }

        response.Content = new SizeLimitedContent(response.Content, _maxResponseBytes, response.StatusCode);
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder)
    {
        // Uri.EscapeDataString in the generated code writes '*' as %2A and '+' as %2B.
        if (!_percentEncodeOperatorId)
        {
            urlBuilder.Replace("%2A", "*").Replace("%2B", "+");
        }

        if (_baseAddress is not null)
        {
            urlBuilder.Insert(0, _baseAddress.AbsoluteUri);
        }
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
