using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Internal.Generated;

/// <summary>
/// Our side of the generated client's extension points (the template is openapi/templates/Client.Class.liquid):
/// its constructor, serializer settings backed by the source-generated <see cref="OicpJsonContext"/> and
/// the typed metadata taken from them, the request URL, the encoding of the OperatorID in the path,
/// the response size cap, what arrived of the answer, and the text of error pages.
/// </summary>
internal partial class OicpGeneratedClient
{
    // One builder per thread, as the runtime's StringBuilderCache does: the generated method builds the
    // URL synchronously (no await between AcquireUrlBuilder and CreateRequestUri), so it cannot be shared.
    [ThreadStatic]
    private static StringBuilder? t_urlBuilder;

    private readonly PushEndpoint _endpoint;

    public OicpGeneratedClient(HttpClient httpClient, PushEndpoint endpoint)
    {
        _httpClient = httpClient;
        _endpoint = endpoint;
    }

    /// <summary>
    /// Gets the HTTP status of the answer once its headers arrived (a client is made per attempt), so that a
    /// failure while its body is read is still reported with the status and <see cref="AnswerHeaders"/>.
    /// </summary>
    internal HttpStatusCode? AnswerStatus { get; private set; }

    /// <summary>Gets the headers of the answer once they arrived (see <see cref="AnswerStatus"/>).</summary>
    internal HttpResponseHeaders? AnswerHeaders { get; private set; }

    /// <summary>Gets the serializer options every generated client uses (for the benchmarks of acknowledgement parsing).</summary>
    internal static JsonSerializerOptions SerializerOptions => _settings.Value;

    /// <summary>
    /// The metadata of <typeparamref name="T"/> from our options (the source-generated context plus our
    /// converters), looked up once per type: the generated calls take it instead of the options, so no
    /// reflection-based serializer overload is reachable.
    /// </summary>
    private static JsonTypeInfo<T> GetJsonTypeInfo<T>() => JsonTypeInfoCache<T>.Value;

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
        }).WithAddedModifier(AcknowledgmentContract.Apply);
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
    {
        AnswerStatus = response.StatusCode;
        AnswerHeaders = response.Headers;

        // Refuse a declared oversize body at once; cap an undeclared one while it is read. A declared
        // length within the limit needs no cap: the handler reads no more than Content-Length.
        var limit = _endpoint.MaxResponseBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new ResponseTooLargeException(response.StatusCode, limit);
        }

        if (declared is not null)
        {
            return;
        }

        response.Content = new SizeLimitedContent(response.Content, limit, response.StatusCode);
    }

    /// <summary>Starts the request URL with the base address, in this thread's reused builder.</summary>
    private StringBuilder AcquireUrlBuilder()
    {
        var builder = t_urlBuilder ?? new StringBuilder(256);
        t_urlBuilder = null;
        return builder.Clear().Append(_endpoint.BaseUrl);
    }

    /// <summary>
    /// The request Uri, reused when it is the same as the previous push's (a pusher always posts to one
    /// address); <see cref="Uri"/> is immutable, so requests can share it. Returns the builder to the thread.
    /// </summary>
    private Uri CreateRequestUri(StringBuilder urlBuilder)
    {
        var uri = _endpoint.LastRequestUri;
        if (uri is null || !urlBuilder.Equals(uri.OriginalString.AsSpan()))
        {
            uri = new Uri(urlBuilder.ToString(), UriKind.RelativeOrAbsolute);
            _endpoint.LastRequestUri = uri;
        }

        t_urlBuilder = urlBuilder;
        return uri;
    }

    /// <summary>
    /// Writes a path parameter (our template override of Client.Class.PathParameter). Uri.EscapeDataString
    /// writes '*' as %2A and '+' as %2B; unless asked to, we send them literally, as Hubject's examples do.
    /// </summary>
    private void AppendPathParameter(StringBuilder urlBuilder, string value)
    {
        var escaped = Uri.EscapeDataString(value);
        if (_endpoint.PercentEncodeOperatorId || ReferenceEquals(escaped, value) || escaped.AsSpan().IndexOf('%') < 0)
        {
            urlBuilder.Append(escaped);
            return;
        }

        var start = urlBuilder.Length;
        urlBuilder.Append(escaped).Replace("%2A", "*", start, escaped.Length);
        urlBuilder.Replace("%2B", "+", start, urlBuilder.Length - start);
    }

    /// <summary>
    /// Reads the body of an answer our document does not model (a firewall's or load balancer's error page), for the
    /// error message only. <see cref="HttpContent.ReadAsStringAsync()"/> throws for a charset .NET cannot decode
    /// (<c>windows-1252</c>, <c>utf8</c>, a made-up one), which would hide the answer's status; such a page is read as UTF-8.
    /// </summary>
    private static async ValueTask<string> ReadErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return EncodingOf(response.Content.Headers.ContentType?.CharSet).GetString(bytes);
    }

    private static Encoding EncodingOf(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static class JsonTypeInfoCache<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)_settings.Value.GetTypeInfo(typeof(T));
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
