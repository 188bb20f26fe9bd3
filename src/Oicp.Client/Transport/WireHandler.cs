using System.Buffers;
using System.Net;
using System.Text;
using Oicp.Client.Pushing.Internal;

namespace Oicp.Client.Transport;

/// <summary>
/// What the SDK shares between every request of one operator that reaches the wire: its one rate limiter, the
/// guarantee of one request in flight, the response size cap, and the pool the answers are read through.
/// </summary>
internal sealed class OperatorWire(ExactSlidingWindowRateLimiter rateLimiter, long maxResponseBytes, ArrayPool<byte>? readBuffers = null)
{
    public ExactSlidingWindowRateLimiter RateLimiter { get; } = rateLimiter;

    public SemaphoreSlim InFlight { get; } = new(1, 1);

    public long MaxResponseBytes { get; } = maxResponseBytes;

    /// <summary>Gets the pool of the read buffer each answer is read through (<see cref="ArrayPool{T}.Shared"/> unless a test counts them).</summary>
    public ArrayPool<byte> ReadBuffers { get; } = readBuffers ?? ArrayPool<byte>.Shared;
}

/// <summary>
/// The SDK's innermost handler, right in front of the primary one, so that it sees every request that goes on the
/// wire, also those that handlers chained on the SDK's <see cref="Microsoft.Extensions.DependencyInjection.IHttpClientBuilder"/> add (a retrying
/// <c>AddStandardResilienceHandler()</c>, a hedging handler):
/// each waits for the operator's rate limiter and is counted from its completion; only one is in flight at a time;
/// and its answer is read here, up to <see cref="OperatorWire.MaxResponseBytes"/>, so a broken endpoint cannot make
/// the client buffer unbounded data.
/// </summary>
internal sealed class WireHandler(OperatorWire wire) : DelegatingHandler
{
    private const int ReadBufferSize = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await wire.InFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = await wire.RateLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                await BufferAsync(response, wire, cancellationToken).ConfigureAwait(false);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        finally
        {
            wire.InFlight.Release();
        }
    }

    /// <summary>
    /// Reads the whole answer, refusing more than <see cref="OperatorWire.MaxResponseBytes"/>. A charset .NET cannot decode (a load
    /// balancer's <c>windows-1252</c> error page) is read as UTF-8 instead of failing, so the answer keeps its status.
    /// </summary>
    /// <remarks>
    /// The answer is read straight into an array rented from <see cref="OperatorWire.ReadBuffers"/>, which the answer
    /// hands back when it is disposed: allocating a 16 KiB read buffer for every answer was 16.8 KB of the 22.3 KB a
    /// <c>PushStatusAsync</c> allocated, and copying the bytes on into a <see cref="MemoryStream"/> and a
    /// <see cref="ByteArrayContent"/> another 0.2 KB (docs/performance.md). The array is sized from the answer's
    /// Content-Length only up to 16 KiB (a server may lie, and a MaxResponseBytes beyond int.MaxValue would overflow the
    /// cast), and doubled as more bytes really arrive.
    /// </remarks>
    private static async Task BufferAsync(HttpResponseMessage response, OperatorWire wire, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var limit = wire.MaxResponseBytes;
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new ResponseTooLargeException(response.StatusCode, limit);
        }

        // One byte more than declared, so that the end of the body is seen without growing the array.
        var body = wire.ReadBuffers.Rent((int)Math.Min((declared ?? ReadBufferSize) + 1, ReadBufferSize));
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(body.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > limit)
                    {
                        throw new ResponseTooLargeException(response.StatusCode, limit);
                    }

                    if (length == body.Length)
                    {
                        // Room for one byte beyond the limit at most: reading it is how an answer over the limit is told.
                        var larger = wire.ReadBuffers.Rent((int)Math.Min(Math.Min(2L * length, limit + 1), Array.MaxLength));
                        body.AsSpan(0, length).CopyTo(larger);
                        wire.ReadBuffers.Return(body);
                        body = larger;
                    }
                }
            }
        }
        catch (Exception exception)
        {
            wire.ReadBuffers.Return(body);
            if (exception is ResponseTooLargeException or OperationCanceledException or IOException or HttpRequestException)
            {
                throw;
            }

            // The connection broke (IOException, HttpRequestException) is a transport failure like any other; anything
            // else that breaks the reading (an error page's content) keeps the answer's status.
            throw new ResponseBodyException(response, exception);
        }

        var buffered = new RentedBody(wire.ReadBuffers, body, length);
        // The headers as received, not parsed: only those the client reads get parsed, when it reads them. Not the
        // Content-Length: the buffered body has the length of the bytes really read.
        string? contentType = null;
        foreach (var (name, values) in content.Headers.NonValidated)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (values.Count == 1)
            {
                var value = values.ToString();
                contentType = name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? value : contentType;
                buffered.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                buffered.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (contentType is not null && contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            && buffered.Headers.ContentType is { CharSet: { } charset } type && !IsKnownCharset(charset))
        {
            type.CharSet = "utf-8";
        }

        content.Dispose();
        response.Content = buffered;
    }

    private static bool IsKnownCharset(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>An answer's body, read whole into a rented array that goes back to its pool when the answer is disposed.</summary>
internal sealed class RentedBody(ArrayPool<byte> pool, byte[] body, int count) : HttpContent
{
    private byte[]? _body = body;

    /// <summary>Gets the body's bytes, for the generated client to deserialize without a stream (until the answer is disposed).</summary>
    public ReadOnlySpan<byte> Bytes => Body.AsSpan(0, count);

    private byte[] Body => _body ?? throw new ObjectDisposedException(nameof(RentedBody));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(Body, 0, count);

    protected override bool TryComputeLength(out long length)
    {
        length = count;
        return true;
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(Body, 0, count, writable: false));

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _body, null) is { } rented)
        {
            pool.Return(rented);
        }

        base.Dispose(disposing);
    }
}

/// <summary>An answer larger than <c>OicpClientOptions.MaxResponseBytes</c>; nothing more of it was read.</summary>
internal sealed class ResponseTooLargeException(HttpStatusCode statusCode, long limit)
    : HttpRequestException($"The answer (HTTP {(int)statusCode}) is larger than the limit of {limit} bytes (MaxResponseBytes); it was not read.")
{
    public HttpStatusCode Status { get; } = statusCode;
}

/// <summary>An answer whose status and headers arrived but whose body broke off while it was read.</summary>
internal sealed class ResponseBodyException(HttpResponseMessage response, Exception inner)
    : HttpRequestException($"The answer (HTTP {(int)response.StatusCode}) broke off while its body was read: {inner.Message}", inner)
{
    public HttpStatusCode Status { get; } = response.StatusCode;

    public System.Net.Http.Headers.HttpResponseHeaders Headers { get; } = response.Headers;
}
