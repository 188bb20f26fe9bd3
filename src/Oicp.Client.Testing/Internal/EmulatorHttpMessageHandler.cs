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
        var body = request.Content is null ? Stream.Null : await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var exchange = new EmulatorExchange(request.Method.Method, rawPath, request.Content?.Headers.ContentType?.ToString(), body, Certificate: null);
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
