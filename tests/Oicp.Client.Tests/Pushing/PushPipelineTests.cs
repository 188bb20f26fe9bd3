using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>The Polly pipeline of a push: the total budget really bounds it, the rate limit waits before an attempt's clock, and its telemetry.</summary>
public sealed class PushPipelineTests
{
    private readonly TimerDrivenClock _time = new() { ReportRearmedTimers = true };
    private readonly DateTimeOffset _start;

    private int _calls;

    public PushPipelineTests() => _start = _time.GetUtcNow();

    [Fact]
    public async Task The_total_budget_ends_a_push_whose_attempt_hangs()
    {
        var pusher = TenSecondBudgetPusher(firstAnswer: null);

        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied), due => due == TimeSpan.FromSeconds(10));

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.IsTimeout.Should().BeTrue();
        result.ErrorMessage.Should().Contain("total budget of 10 s");
        result.Attempts.Should().Be(1);
        result.Elapsed.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_retry_that_hangs_ends_where_the_budget_does_with_the_last_answer()
    {
        var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") };
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        var pusher = TenSecondBudgetPusher(busy);

        // The Retry-After (3 s), then the second attempt's timeout: the 7 s left of the budget, not the request's minute.
        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied), due => due == TimeSpan.FromSeconds(3) || due == TimeSpan.FromSeconds(7));

        _calls.Should().Be(2);
        result.HttpStatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the budget ended the push; the last answer says why it failed");
        _time.GetUtcNow().Should().Be(_start + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wait_for_the_rate_limit_counts_in_the_total_budget()
    {
        var http = new MockHttpMessageHandler();
        var request = http.When(HttpMethod.Post, "*").Respond("application/json", TestPushers.SuccessAck);
        var pusher = new EvseStatusPusher(http, TestPushers.Options(o =>
        {
            o.RateLimit.PermitLimit = 1;
            o.Retry.TotalBudget = TimeSpan.FromSeconds(10);
        }), timeProvider: _time);
        (await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied)).IsSuccess.Should().BeTrue();

        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E2"), EvseStatus.Occupied), due => due == TimeSpan.FromSeconds(10));

        result.IsTimeout.Should().BeTrue("the window frees a permit only after a minute, beyond the 10 s budget");
        result.ErrorMessage.Should().Contain("total budget");
        http.GetMatchCount(request).Should().Be(1, "nothing was sent for the second push");
    }

    [Fact]
    public async Task A_wait_for_the_rate_limit_does_not_count_in_the_attempts_timeout()
    {
        var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, "*").Respond("application/json", TestPushers.SuccessAck);
        var pusher = new EvseStatusPusher(http, TestPushers.Options(o =>
        {
            o.RateLimit.PermitLimit = 1;
            o.RequestTimeout = TimeSpan.FromSeconds(5);
        }), timeProvider: _time);
        (await pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied)).IsSuccess.Should().BeTrue();

        // Only the limiter's wait moves the clock; the budget (2 min) and the attempt's 5 s never run out.
        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E2"), EvseStatus.Occupied), due => due == TimeSpan.FromMinutes(1));

        result.IsSuccess.Should().BeTrue(result.ToString());
        result.Elapsed.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_request_timeout_ends_one_attempt_as_a_transient_timeout()
    {
        var handler = new DelegateHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("never answered");
        });
        var pusher = new EvseStatusPusher(handler, TestPushers.Options(o => o.RequestTimeout = TimeSpan.FromSeconds(7)), timeProvider: _time);

        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied), due => due == TimeSpan.FromSeconds(7));

        result.IsTimeout.Should().BeTrue();
        result.IsTransientFailure.Should().BeTrue();
        result.ErrorMessage.Should().Contain("request timeout of 7 s");
    }

    [Fact]
    public async Task Pollys_retry_telemetry_reaches_the_applications_logs()
    {
        var http = new MockHttpMessageHandler();
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        http.When(HttpMethod.Post, "*").Respond(_ => answers.Dequeue() == HttpStatusCode.OK
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestPushers.SuccessAck, System.Text.Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var logging = new TestLogging();
        var pusher = new EvseStatusPusher(http, TestPushers.Options(o => o.Retry.MaxAttempts = 2), logging.Factory, _time);

        var result = await _time.RunAsync(pusher.PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Occupied), due => due <= TimeSpan.FromSeconds(1));

        result.IsSuccess.Should().BeTrue();
        logging.Collector.GetSnapshot().Should().Contain(record => (record.Category ?? string.Empty).StartsWith("Polly", StringComparison.Ordinal) && record.Message.Contains("OnRetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_push_is_counted_timed_and_traced_under_the_public_names()
    {
        var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, "*").Respond("application/json", """{ "Result": false, "StatusCode": { "Code": "603" } }""");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var pushes = new MetricCollector<long>(meters, OicpTelemetry.MeterName, "oicp.push.requests");
        using var duration = new MetricCollector<double>(meters, OicpTelemetry.MeterName, "oicp.push.duration");
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OicpTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("oicp.operator_id") == "DE*TEL")
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var pusher = new EvseStatusPusher(http, TestPushers.Options(o => o.OperatorId = "DE*TEL"), meterFactory: meters);

        await pusher.PushStatusAsync(TestPushers.Evse("DE*TEL*E1"), EvseStatus.Occupied);

        var count = pushes.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        count.Tags["oicp.outcome"].Should().Be("failure");
        count.Tags["oicp.code"].Should().Be("603");
        count.Tags["oicp.action"].Should().Be("update");
        duration.GetMeasurementSnapshot().Should().ContainSingle();
        var activity = activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("oicp.push");
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.GetTagItem("oicp.code").Should().Be("603");
        activity.GetTagItem("http.response.status_code").Should().Be(200);
    }

    /// <summary>A pusher with a 10 s budget and a 1 min request timeout whose requests hang, after <paramref name="firstAnswer"/> if given.</summary>
    private EvseStatusPusher TenSecondBudgetPusher(HttpResponseMessage? firstAnswer)
    {
        var handler = new DelegateHandler(async (_, token) =>
        {
            if (Interlocked.Increment(ref _calls) == 1 && firstAnswer is not null)
            {
                return firstAnswer;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("never answered");
        });
        return new EvseStatusPusher(handler, TestPushers.Options(o =>
        {
            o.RequestTimeout = TimeSpan.FromMinutes(1);
            o.Retry.MaxAttempts = 4;
            o.Retry.TotalBudget = TimeSpan.FromSeconds(10);
        }), timeProvider: _time);
    }
}
