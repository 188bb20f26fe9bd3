using System.Buffers;

namespace Oicp.Client.Transport;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array rented from a pool, doubled (rented anew) as it fills and given back on
/// <see cref="Dispose"/>.
/// </summary>
internal sealed class PooledBufferWriter(ArrayPool<byte> pool) : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 256;

    private byte[] _buffer = [];

    private int _written;

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Gives the array back to the pool; the written bytes are gone.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            pool.Return(buffer);
        }
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (one if zero) after those written.</summary>
    private void Reserve(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            var size = Math.Max(Math.Max(InitialSize, (long)_buffer.Length * 2), (long)_written + needed);
            var larger = pool.Rent((int)Math.Min(size, Array.MaxLength));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            var old = _buffer;
            _buffer = larger;
            if (old.Length > 0)
            {
                pool.Return(old);
            }
        }
    }
}
