using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Internal;

/// <summary>
/// A request body that System.Text.Json writes straight into the request stream from source-generated
/// metadata, so a fullLoad of a million EVSEs never holds its ~54 MB of JSON in one array. Unlike
/// <c>JsonContent</c> it sets Content-Type as the operation's constant string (parsed only if someone
/// reads it) rather than a <c>MediaTypeHeaderValue</c> per request, and it adds no charset parameter.
/// Its length is unknown before it is written, so HTTP/1.1 sends it with chunked transfer encoding.
/// </summary>
internal sealed class JsonRequestContent<T> : HttpContent
{
    private readonly T _value;
    private readonly JsonTypeInfo<T> _jsonTypeInfo;

    public JsonRequestContent(T value, JsonTypeInfo<T> jsonTypeInfo, string mediaType)
    {
        _value = value;
        _jsonTypeInfo = jsonTypeInfo;
        Headers.TryAddWithoutValidation("Content-Type", mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, _value, _jsonTypeInfo, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(stream, _value, _jsonTypeInfo);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
