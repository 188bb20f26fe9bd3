namespace Oicp.Client.Testing.Internal;

/// <summary>
/// Collects a request body up to a limit: a write beyond it throws <see cref="BodyTooLargeException"/>, which stops the
/// copy, so a body larger than <see cref="OicpEmulatorOptions.MaxRequestBodyBytes"/> is never held whole.
/// </summary>
internal sealed class BoundedBodyBuffer(long? limit) : Stream
{
    private readonly MemoryStream _buffer = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _buffer.Length;

    public override long Position { get => _buffer.Length; set => throw new NotSupportedException(); }

    public byte[] ToArray() => _buffer.ToArray();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length + buffer.Length > limit)
        {
            throw new BodyTooLargeException();
        }

        _buffer.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// Thrown by <see cref="BoundedBodyBuffer"/> past its limit. Not an <see cref="IOException"/>: HttpContent would wrap
/// that in an HttpRequestException on the way out.
/// </summary>
internal sealed class BodyTooLargeException() : Exception("The request body is larger than the emulator accepts.");
