using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Internal;

/// <summary>
/// A request body that System.Text.Json writes from source-generated metadata into a buffer rented from
/// the shared array pool, so that it goes out with a Content-Length (not every gateway accepts chunked
/// request bodies, and Hubject does not say) while a fullLoad of a million EVSEs allocates no new array
/// for its ~54 MB of JSON once the pool holds one. Unlike <c>JsonContent</c> it sets Content-Type as the
/// operation's constant string rather than a <c>MediaTypeHeaderValue</c> per request, with no charset parameter.
/// </summary>
internal sealed class JsonRequestContent<T> : HttpContent
{
    private readonly T _value;
    private readonly JsonTypeInfo<T> _jsonTypeInfo;
    private PooledBufferWriter? _json;

    public JsonRequestContent(T value, JsonTypeInfo<T> jsonTypeInfo, string mediaType)
    {
        _value = value;
        _jsonTypeInfo = jsonTypeInfo;
        Headers.TryAddWithoutValidation("Content-Type", mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Json().WrittenMemory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Json().WrittenMemory.Span);

    protected override bool TryComputeLength(out long length)
    {
        length = Json().WrittenMemory.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json?.Dispose();
            _json = null;
        }

        base.Dispose(disposing);
    }

    private PooledBufferWriter Json()
    {
        if (_json is null)
        {
            var json = new PooledBufferWriter();
            using (var writer = new Utf8JsonWriter(json))
            {
                JsonSerializer.Serialize(writer, _value, _jsonTypeInfo);
            }

            _json = json;
        }

        return _json;
    }
}
