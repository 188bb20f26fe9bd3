using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;
using Oicp.Client.Tests.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The <c>oicp-publisher</c> check on exact snapshots: each threshold on both sides, refusals, and what it reports.</summary>
public sealed class PublisherHealthCheckTests
{
    private static readonly DateTimeOffset T0 = PublisherHealthSnapshots.Start;

    private static Task<HealthCheckResult> CheckAsync(Oicp.Client.Publishing.EvseStatusPublisherHealth health, Action<OicpHealthCheckOptions>? configure = null)
    {
        var check = new PublisherHealthCheck(new PublisherHealthSnapshots { Health = health }, HealthChecksRun.Thresholds(configure));
        return check.CheckHealthAsync(new HealthCheckContext());
    }

    private static PushResult Failure(HttpStatusCode status) => HubjectStoreFake.Http(status);

    [Fact]
    public async Task Nothing_waiting_and_no_failure_is_Healthy_and_the_figures_are_in_the_data()
    {
        var result = await CheckAsync(PublisherHealthSnapshots.Make(pending: 2, oldestPendingAge: TimeSpan.FromMilliseconds(300), lastSuccessAt: T0));

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Be("Publishing keeps up: 2 status(es) waiting, the oldest for 0.3 s, last success 2026-01-15 12:00 UTC.");
        result.Data.Should().Contain("running", true)
            .And.Contain("pending", 2)
            .And.Contain("oldestPendingAgeSeconds", 0.3)
            .And.Contain("consecutiveFailures", 0)
            .And.Contain("operatorRefused", false)
            .And.Contain("lastSuccessAt", T0)
            .And.NotContainKey("lastFailureAt")
            .And.NotContainKey("failingSince");
    }

    [Fact]
    public async Task A_status_waiting_60_seconds_is_Healthy_and_a_moment_longer_Degraded()
    {
        var atLimit = await CheckAsync(PublisherHealthSnapshots.Make(pending: 1, oldestPendingAge: TimeSpan.FromSeconds(60)));
        var beyond = await CheckAsync(PublisherHealthSnapshots.Make(pending: 1, oldestPendingAge: TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)));

        atLimit.Status.Should().Be(HealthStatus.Healthy);
        beyond.Status.Should().Be(HealthStatus.Degraded);
        beyond.Description.Should().StartWith("The oldest waiting status has waited 60 s (more than 60 s); 1 status(es) waiting.");
    }

    [Fact]
    public async Task The_waiting_threshold_is_configurable()
    {
        var health = PublisherHealthSnapshots.Make(pending: 1, oldestPendingAge: TimeSpan.FromSeconds(20));

        (await CheckAsync(health, o => o.MaxOldestPendingAge = TimeSpan.FromSeconds(10))).Status.Should().Be(HealthStatus.Degraded);
        (await CheckAsync(health, o => o.MaxOldestPendingAge = TimeSpan.FromSeconds(30))).Status.Should().Be(HealthStatus.Healthy);
    }

    [Theory]
    [InlineData("017", null, "Hubject refuses the operator (017): check the client certificate and OperatorID")]
    [InlineData(null, HttpStatusCode.Unauthorized, "Hubject refuses the operator (017): check the client certificate and OperatorID")]
    [InlineData("300", null, "Hubject does not know the operator (300): check the OperatorID and the environment")]
    [InlineData(null, HttpStatusCode.NotFound, "Hubject does not know the operator (HTTP 404): check the OperatorID and the environment")]
    [InlineData("210", null, "Hubject finds no valid contract for the operator (210)")]
    [InlineData(null, HttpStatusCode.Forbidden, "Hubject's firewall refuses the requests (HTTP 403): ask Hubject to allow-list")]
    public async Task A_refusal_of_the_operator_is_Unhealthy_and_says_what_to_check(string? code, HttpStatusCode? http, string advice)
    {
        var answer = code is not null ? HubjectStoreFake.Rejected(code) : Failure(http!.Value);

        var result = await CheckAsync(PublisherHealthSnapshots.Make(
            pending: 5, lastFailureAt: T0, lastFailure: answer, consecutiveFailures: 1, failingSince: T0, operatorRefused: true));

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().StartWith(advice).And.EndWith("; 5 status(es) waiting.");
        result.Data.Should().Contain("operatorRefused", true).And.Contain("failingSince", T0).And.Contain("lastFailureAt", T0);
    }

    [Fact]
    public async Task Failures_in_a_row_for_5_minutes_are_not_yet_Unhealthy_and_a_moment_longer_are()
    {
        var atLimit = PublisherHealthSnapshots.Make(
            pending: 1, oldestPendingAge: TimeSpan.FromSeconds(30), lastFailureAt: T0 + TimeSpan.FromMinutes(5),
            lastFailure: Failure(HttpStatusCode.ServiceUnavailable), consecutiveFailures: 12, failingSince: T0);
        var beyond = PublisherHealthSnapshots.Make(
            pending: 1, oldestPendingAge: TimeSpan.FromSeconds(30), lastFailureAt: T0 + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1),
            lastFailure: Failure(HttpStatusCode.ServiceUnavailable), consecutiveFailures: 13, failingSince: T0);

        (await CheckAsync(atLimit)).Status.Should().Be(HealthStatus.Healthy);
        var result = await CheckAsync(beyond);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().StartWith("Every request has failed for 5 min (13 in a row, the last: update of 1 record(s): HttpError, HTTP 503)")
            .And.EndWith("Check the network to Hubject and the log.");
        result.Data.Should().Contain("consecutiveFailures", 13);
    }

    [Fact]
    public async Task One_old_failure_followed_by_no_request_is_not_every_request_failing()
    {
        // A status refused for good (603) an hour ago, and nothing to send since: Hubject is not left stale.
        var result = await CheckAsync(PublisherHealthSnapshots.Make(
            lastFailureAt: T0, lastFailure: HubjectStoreFake.Rejected("603"), consecutiveFailures: 1, failingSince: T0));

        result.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_failure_threshold_is_configurable()
    {
        var health = PublisherHealthSnapshots.Make(
            pending: 1, lastFailureAt: T0 + TimeSpan.FromMinutes(2), lastFailure: Failure(HttpStatusCode.BadGateway), consecutiveFailures: 6, failingSince: T0);

        (await CheckAsync(health, o => o.MaxFailureDuration = TimeSpan.FromMinutes(1))).Status.Should().Be(HealthStatus.Unhealthy);
        (await CheckAsync(health, o => o.MaxFailureDuration = TimeSpan.FromMinutes(3))).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_pusher_that_threw_is_named_as_such()
    {
        var result = await CheckAsync(PublisherHealthSnapshots.Make(
            pending: 1, lastFailureAt: T0 + TimeSpan.FromMinutes(10), lastFailure: null, consecutiveFailures: 30, failingSince: T0));

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("the last: the pusher threw, see the log");
    }

    [Fact]
    public async Task A_refusal_outranks_a_long_wait()
    {
        var result = await CheckAsync(PublisherHealthSnapshots.Make(
            pending: 1, oldestPendingAge: TimeSpan.FromMinutes(3), lastFailureAt: T0, lastFailure: HubjectStoreFake.Rejected("017"),
            consecutiveFailures: 1, failingSince: T0, operatorRefused: true));

        result.Status.Should().Be(HealthStatus.Unhealthy);
    }
}
