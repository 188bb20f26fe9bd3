namespace Oicp.Client.Tests.TestSupport;

/// <summary>An in-memory handler for the few tests that need the request's cancellation token (MockHttp does not pass it on).</summary>
internal sealed class DelegateHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        send(request, cancellationToken);
}
