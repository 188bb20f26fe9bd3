using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Oicp.Client.Transport;

/// <summary>
/// A JSON request body serialized once into pooled memory when it is created, sent with its <c>Content-Length</c>
/// (never chunked: some gateways answer 411), as often as a handler sends it, and given back to the pool when the
/// request is disposed.
/// </summary>
/// <remarks>
/// Why not NSwag's <c>SerializeToUtf8Bytes</c> and <see cref="ByteArrayContent"/>: that writes the body into a pooled
/// buffer and then copies it into a new array of its size, 54 MB for a fullLoad of 1,000,000 records, which made the
/// fullLoad 3x slower than a hand-written client (docs/performance.md). The generated client creates this content
/// instead (openapi/templates/Client.Class.liquid).
/// </remarks>
internal sealed class PooledJsonContent : HttpContent
{
    private readonly PooledBufferWriter _body;

    private PooledJsonContent(PooledBufferWriter body, string mediaType)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>Serializes <paramref name="value"/> with the metadata of <paramref name="options"/> into a new content.</summary>
    /// <param name="value">The request body.</param>
    /// <param name="options">The serializer options (source-generated metadata).</param>
    /// <param name="mediaType">The content type, without parameters.</param>
    /// <param name="pool">The pool of the body's buffer; <see cref="ArrayPool{T}.Shared"/> unless a test counts it.</param>
    public static PooledJsonContent Create<T>(T value, JsonSerializerOptions options, string mediaType, ArrayPool<byte>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var body = new PooledBufferWriter(pool ?? ArrayPool<byte>.Shared);
        try
        {
            using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth }))
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
            }

            return new PooledJsonContent(body, mediaType);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.WriteToAsync(stream, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.WriteTo(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
