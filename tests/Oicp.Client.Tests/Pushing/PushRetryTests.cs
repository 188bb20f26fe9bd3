using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>Built-in retries: transient failures are retried with backoff inside the budget; permanent answers never.</summary>
public sealed class PushRetryTests
{
    private readonly TimerDrivenClock _time = new();
    private readonly MockHttpMessageHandler _http = new();
    private readonly ConcurrentQueue<DateTimeOffset> _requestTimes = new();
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();

    public PushRetryTests() =>
        _http.When(HttpMethod.Post, "*").Respond(() =>
        {
            _requestTimes.Enqueue(_time.GetUtcNow());
            return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue()() : Json(HttpStatusCode.OK, TestPushers.SuccessAck));
        });

    private EvseStatusPusher Pusher(Action<OicpClientOptions>? configure = null) =>
        TestPushers.CreateWithRandom(_http, TestPushers.Options(options =>
        {
            options.Retry.MaxAttempts = new OicpRetryOptions().MaxAttempts;
            configure?.Invoke(options);
        }), _time, () => 1.0);

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Ack(bool result, string code) => $$"""{ "Result": {{(result ? "true" : "false")}}, "StatusCode": { "Code": "{{code}}" } }""";

    private static readonly Func<TimeSpan, bool> Waits = TimerDrivenClock.ExceptRequestTimeout(new OicpClientOptions().RequestTimeout);

    private Task<PushResult> Push(EvseStatusPusher pusher) =>
        _time.RunAsync(pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied), Waits);

    [Fact]
    public async Task Server_errors_are_retried_with_exponential_backoff_until_success()
    {
        _answers.Enqueue(() => Json(HttpStatusCode.ServiceUnavailable, ""));
        _answers.Enqueue(() => Json(HttpStatusCode.BadGateway, ""));

        var result = await Push(Pusher());

        result.IsSuccess.Should().BeTrue();
        result.Attempts.Should().Be(3);
        var times = _requestTimes.ToArray();
        (times[1] - times[0]).Should().Be(TimeSpan.FromSeconds(1));
        (times[2] - times[1]).Should().Be(TimeSpan.FromSeconds(2));
        result.Elapsed.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("009")]
    [InlineData("021")]
    [InlineData("310")]
    [InlineData("320")]
    public async Task Transient_OICP_codes_inside_a_200_are_retried(string code)
    {
        _answers.Enqueue(() => Json(HttpStatusCode.OK, Ack(false, code)));

        var result = await Push(Pusher());

        result.IsSuccess.Should().BeTrue();
        result.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task Retry_After_is_honoured_instead_of_the_backoff()
    {
        _answers.Enqueue(() =>
        {
            var response = Json(HttpStatusCode.TooManyRequests, "");
            response.Headers.TryAddWithoutValidation("Retry-After", "7");
            return response;
        });

        var result = await Push(Pusher());

        result.IsSuccess.Should().BeTrue();
        var times = _requestTimes.ToArray();
        (times[1] - times[0]).Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task The_last_transient_failure_is_returned_after_the_last_attempt()
    {
        for (var i = 0; i < 4; i++)
        {
            _answers.Enqueue(() => Json(HttpStatusCode.OK, Ack(false, "001")));
        }

        var result = await Push(Pusher());

        result.FailureKind.Should().Be(PushFailureKind.Rejected);
        result.OicpCode.Should().Be(OicpStatusCode.HubjectSystemError);
        result.Attempts.Should().Be(4);
        _requestTimes.Should().HaveCount(4);
    }

    [Fact]
    public async Task No_retry_starts_that_would_end_after_the_total_budget()
    {
        for (var i = 0; i < 4; i++)
        {
            _answers.Enqueue(() => Json(HttpStatusCode.InternalServerError, ""));
        }

        var result = await Push(Pusher(options => options.Retry.TotalBudget = TimeSpan.FromSeconds(5)));

        result.HttpStatusCode.Should().Be(HttpStatusCode.InternalServerError);
        result.Attempts.Should().Be(3, "after 1 s + 2 s of delays the next 4 s delay would pass the 5 s budget");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{ "message": "bad", "validationErrors": [] }""")]
    [InlineData(HttpStatusCode.Unauthorized, """{ "Result": false, "StatusCode": { "Code": "017" } }""")]
    [InlineData(HttpStatusCode.Forbidden, "<html>blocked</html>")]
    [InlineData(HttpStatusCode.NotFound, """{ "Result": false, "StatusCode": { "Code": "300" } }""")]
    [InlineData(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "018" } }""")]
    [InlineData(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "022" } }""")]
    [InlineData(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "210" } }""")]
    [InlineData(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "603" } }""")]
    [InlineData(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "999" } }""")]
    [InlineData(HttpStatusCode.OK, "not json")]
    public async Task Permanent_answers_are_never_retried(HttpStatusCode status, string body)
    {
        _answers.Enqueue(() => Json(status, body));

        var result = await Push(Pusher());

        result.IsSuccess.Should().BeFalse();
        result.Attempts.Should().Be(1);
        _requestTimes.Should().ContainSingle();
    }

    [Fact]
    public async Task MaxAttempts_of_one_turns_retries_off()
    {
        _answers.Enqueue(() => Json(HttpStatusCode.ServiceUnavailable, ""));

        var result = await Push(Pusher(options => options.Retry.MaxAttempts = 1));

        result.HttpStatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Retries_stay_inside_the_operators_turn()
    {
        _answers.Enqueue(() => Json(HttpStatusCode.ServiceUnavailable, ""));
        var bodies = new ConcurrentQueue<string>();
        _http.Clear();
        _http.When(HttpMethod.Post, "*").Respond(async request =>
        {
            bodies.Enqueue(await request.Content!.ReadAsStringAsync());
            return _answers.Count > 0 ? _answers.Dequeue()() : Json(HttpStatusCode.OK, TestPushers.SuccessAck);
        });
        var pusher = Pusher();

        var first = pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied);
        var second = pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E2"), EvseStatus.Occupied);
        await _time.RunAsync(Task.WhenAll(first, second), Waits);

        bodies.Select(body => body.Contains("E1", StringComparison.Ordinal) ? "E1" : "E2").Should().Equal("E1", "E1", "E2");
    }

    [Fact]
    public async Task Cancellation_during_a_retry_delay_throws()
    {
        _answers.Enqueue(() => Json(HttpStatusCode.ServiceUnavailable, ""));
        using var cancellation = new CancellationTokenSource();

        var push = Pusher().PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Occupied, cancellation.Token);
        (await _time.NextTimerAsync(Waits)).Should().Be(TimeSpan.FromSeconds(1), "the first backoff has started");

        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => push).Should().ThrowAsync<OperationCanceledException>();
    }
}
