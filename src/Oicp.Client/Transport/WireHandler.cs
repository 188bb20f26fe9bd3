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
    /// The 16 KiB read buffer is rented, not allocated: allocating it for every answer was 16.8 KB of the 22.3 KB a
    /// <c>PushStatusAsync</c> allocated (docs/performance.md). The body is sized from its Content-Length when the answer
    /// declares one, so an acknowledgement (up to 16 KiB) is copied once into an array of its size.
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

        // Sized from the declared length only up to the read buffer's size: a larger claim (a server may lie, and a
        // MaxResponseBytes beyond int.MaxValue would overflow the cast) grows the stream as the bytes really arrive.
        var body = new MemoryStream((int)Math.Min(declared ?? 0, ReadBufferSize));
        var chunk = wire.ReadBuffers.Rent(ReadBufferSize);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > limit)
                    {
                        throw new ResponseTooLargeException(response.StatusCode, limit);
                    }

                    body.Write(chunk, 0, read);
                }
            }
        }
        catch (Exception exception) when (exception is not (ResponseTooLargeException or OperationCanceledException or IOException or HttpRequestException))
        {
            // The connection broke (IOException, HttpRequestException) is a transport failure like any other; anything
            // else that breaks the reading (an error page's content) keeps the answer's status.
            throw new ResponseBodyException(response, exception);
        }
        finally
        {
            wire.ReadBuffers.Return(chunk);
        }

        var buffered = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        // The headers as received, not parsed: only those the client reads get parsed, when it reads them.
        string? contentType = null;
        foreach (var (name, values) in content.Headers.NonValidated)
        {
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
