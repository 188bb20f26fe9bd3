using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
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
/// instead (openapi/templates/Client.Class.liquid). The content is the serializer's <see cref="IBufferWriter{T}"/>
/// itself: when an array is full, the next is rented twice as large and nothing written is copied (doubling one array
/// copied 64 MB in all for those 1,000,000 records, about a fifth of their serialization time).
/// </remarks>
internal sealed class PooledJsonContent : HttpContent, IBufferWriter<byte>
{
    private const int InitialSize = 256;

    private readonly ArrayPool<byte> _pool;

    // The full arrays before the current one, each with what was written in it; none for a body that fits the first.
    private List<ArraySegment<byte>>? _full;

    private byte[] _buffer = [];

    private int _written;

    private PooledJsonContent(ArrayPool<byte> pool, string mediaType)
    {
        _pool = pool;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>Serializes <paramref name="value"/> with the metadata of <paramref name="options"/> into a new content.</summary>
    /// <param name="value">The request body.</param>
    /// <param name="options">The serializer options (source-generated metadata).</param>
    /// <param name="mediaType">The content type, without parameters.</param>
    /// <param name="pool">The pool of the body's arrays; <see cref="ArrayPool{T}.Shared"/> unless a test counts them.</param>
    public static PooledJsonContent Create<T>(T value, JsonSerializerOptions options, string mediaType, ArrayPool<byte>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var content = new PooledJsonContent(pool ?? ArrayPool<byte>.Shared, mediaType);
        try
        {
            using (var writer = new Utf8JsonWriter(content, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth }))
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
            }

            return content;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    void IBufferWriter<byte>.Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _full is null ? stream.WriteAsync(_buffer.AsMemory(0, _written), cancellationToken).AsTask() : WriteAllAsync(stream, _full, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var full in CollectionsMarshal.AsSpan(_full))
        {
            stream.Write(full.AsSpan());
        }

        stream.Write(_buffer, 0, _written);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _written;
        foreach (var full in CollectionsMarshal.AsSpan(_full))
        {
            length += full.Count;
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var full in CollectionsMarshal.AsSpan(_full))
            {
                _pool.Return(full.Array!);
            }

            if (_buffer.Length > 0)
            {
                _pool.Return(_buffer);
            }

            _full = null;
            _buffer = [];
            _written = 0;
        }

        base.Dispose(disposing);
    }

    private async Task WriteAllAsync(Stream stream, List<ArraySegment<byte>> full, CancellationToken cancellationToken)
    {
        foreach (var segment in full)
        {
            await stream.WriteAsync(segment.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(_buffer.AsMemory(0, _written), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (one if zero) in the current array, renting the next when it is full.</summary>
    private void Reserve(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            var next = _pool.Rent((int)Math.Min(Math.Max(Math.Max(InitialSize, (long)_buffer.Length * 2), needed), Array.MaxLength));
            if (_buffer.Length > 0)
            {
                (_full ??= []).Add(new ArraySegment<byte>(_buffer, 0, _written));
            }

            _buffer = next;
            _written = 0;
        }
    }
}
