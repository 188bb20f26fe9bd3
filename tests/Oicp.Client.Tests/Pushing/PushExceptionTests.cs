using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>
/// Only the caller's cancellation throws from a push: an error page the platform cannot decode, an answer whose
/// body cannot be read and whatever a handler chained on the client builder throws all become a <see cref="PushResult"/>.
/// </summary>
public sealed class PushExceptionTests
{
    private const int MaxAttempts = 3;
    private readonly MockHttpMessageHandler _http = new();

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-15")]
    [InlineData("utf8")]
    [InlineData("x-made-up")]
    public async Task A_503_page_in_a_charset_NET_cannot_decode_is_a_retried_http_error_with_its_excerpt(string charset)
    {
        _http.When(HttpMethod.Post, "*").Respond(_ => Page(HttpStatusCode.ServiceUnavailable, charset, "<html>Service Unavailable: maintenance</html>"));

        var result = await PushOne(TestPushers.Create(_http, Retrying));

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.IsTransientFailure.Should().BeTrue();
        result.Attempts.Should().Be(MaxAttempts, "a 503 is retried whatever its body");
        result.ErrorMessage.Should().Contain("maintenance");
    }

    [Fact]
    public async Task A_403_page_in_windows_1252_is_an_http_error_tried_once()
    {
        _http.When(HttpMethod.Post, "*").Respond(_ => Page(HttpStatusCode.Forbidden, "windows-1252", "<html>Access denied by the firewall</html>"));

        var result = await PushOne(TestPushers.Create(_http, Retrying));

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.Attempts.Should().Be(1);
        result.ErrorMessage.Should().Contain("Access denied");
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, PushFailureKind.HttpError, MaxAttempts)]
    [InlineData(HttpStatusCode.OK, PushFailureKind.UnreadableResponse, 1)]
    public async Task An_answer_whose_body_cannot_be_read_keeps_its_status_and_Process_ID(HttpStatusCode status, PushFailureKind kind, int attempts)
    {
        _http.When(HttpMethod.Post, "*").Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new UnreadableContent() };
            response.Headers.TryAddWithoutValidation("Process-ID", "p-unreadable");
            return response;
        });

        var result = await PushOne(TestPushers.Create(_http, Retrying));

        result.FailureKind.Should().Be(kind);
        result.HttpStatusCode.Should().Be(status);
        result.ProcessId.Should().Be("p-unreadable");
        result.Attempts.Should().Be(attempts);
        result.Exception.Should().BeOfType<InvalidOperationException>();
        result.ErrorMessage.Should().Contain("The body cannot be read.");
    }

    [Theory]
    [InlineData(typeof(TimeoutRejectedException))]
    [InlineData(typeof(BrokenCircuitException))]
    public async Task What_a_handler_chained_on_the_client_builder_throws_is_a_retried_transport_failure(Type exceptionType)
    {
        _http.When(HttpMethod.Post, "*").Respond("application/json", TestPushers.SuccessAck);
        var thrown = 0;
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(options =>
            {
                options.OperatorId = "DE*ABC";
                options.BaseAddress = new Uri(TestPushers.BaseAddress);
                Retrying(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => _http)
            .AddHttpMessageHandler(() => new ThrowingHandler(() =>
            {
                Interlocked.Increment(ref thrown);
                return (Exception)Activator.CreateInstance(exceptionType, "The resilience pipeline refused the call.")!;
            }));
        await using var provider = services.BuildServiceProvider();

        var result = await PushOne(provider.GetRequiredService<IEvseStatusPusher>());

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.Exception.Should().BeOfType(exceptionType);
        result.ErrorMessage.Should().Be("The resilience pipeline refused the call.");
        result.Attempts.Should().Be(MaxAttempts);
        thrown.Should().Be(MaxAttempts);
    }

    [Fact]
    public async Task The_callers_cancellation_still_throws_when_a_handler_throws_its_own_exception()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new ThrowingHandler(() =>
        {
            cancellation.Cancel();
            return new BrokenCircuitException("The circuit is open.");
        })
        {
            InnerHandler = _http,
        };
        var pusher = new EvseStatusPusher(handler, TestPushers.Options(Retrying));

        var push = () => pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available, cancellation.Token);

        await push.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.SeeOther)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task A_redirect_is_an_http_error_that_names_the_Location_tried_once(HttpStatusCode status)
    {
        _http.When(HttpMethod.Post, "*").Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(string.Empty) };
            response.Headers.Location = new Uri("https://elsewhere.example/api/oicp/evsepush/v21/operators/DE*ABC/status-records");
            return response;
        });

        var result = await PushOne(TestPushers.Create(_http, Retrying));

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(status);
        result.IsTransientFailure.Should().BeFalse();
        result.Attempts.Should().Be(1);
        result.ErrorMessage.Should().Contain("redirect to https://elsewhere.example/api/oicp/evsepush/v21/operators/DE*ABC/status-records, not followed");
    }

    private static void Retrying(OicpClientOptions options)
    {
        options.Retry.MaxAttempts = MaxAttempts;
        options.Retry.BaseDelay = TimeSpan.Zero;
        options.Retry.MaxDelay = TimeSpan.Zero;
    }

    private static Task<PushResult> PushOne(IEvseStatusPusher pusher) => pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available);

    private static HttpResponseMessage Page(HttpStatusCode status, string charset, string html)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(html));
        content.Headers.TryAddWithoutValidation("Content-Type", $"text/html; charset={charset}");
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>Named after Polly's exceptions, which the SDK does not reference: any exception type must do.</summary>
    private sealed class TimeoutRejectedException(string message) : Exception(message);

    /// <inheritdoc cref="TimeoutRejectedException"/>
    private sealed class BrokenCircuitException(string message) : Exception(message);

    private sealed class ThrowingHandler(Func<Exception> exception) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception());
    }

    /// <summary>A body whose reading fails with something other than a network error.</summary>
    private sealed class UnreadableContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            throw new InvalidOperationException("The body cannot be read.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
