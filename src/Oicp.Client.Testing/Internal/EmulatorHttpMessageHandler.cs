using System.Globalization;
using System.Net;

namespace Oicp.Client.Testing.Internal;

/// <summary>The in-process front end: hands each request to the shared processor and turns its reply into a response.</summary>
internal sealed class EmulatorHttpMessageHandler(EmulatorRequestProcessor processor) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var rawPath = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var content = request.Content;

        // Copied rather than read as a stream: ReadAsStreamAsync would first buffer a body of any size.
        var exchange = new EmulatorExchange(
            request.Method.Method,
            rawPath,
            content?.Headers.ContentType?.ToString(),
            content?.Headers.ContentLength,
            content is null ? static (_, _) => Task.CompletedTask : content.CopyToAsync,
            Certificate: null);
        var reply = await processor.ProcessAsync(exchange, cancellationToken).ConfigureAwait(false);
        if (reply.DropConnection)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The emulator dropped the connection (scripted fault).", new IOException("The connection was closed without a response."));
        }

        var response = new HttpResponseMessage((HttpStatusCode)reply.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(reply.Body),
        };
        if (reply.ContentType is { } contentType)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        response.Headers.TryAddWithoutValidation("Process-ID", reply.ProcessId);
        if (reply.RetryAfterSeconds is { } seconds)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }
}
