using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;
using Oicp.Client.Tests.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The <c>oicp-publisher</c> check over a real publisher on a fake clock: refusal, an outage, and the recovery.</summary>
public sealed class PublisherHealthOverPublisherTests
{
    private static Task<HealthCheckResult> CheckAsync(PublisherHarness harness) =>
        new PublisherHealthCheck(harness.Publisher, new OicpHealthCheckOptions()).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_017_makes_the_check_Unhealthy_and_the_next_success_Healthy_again()
    {
        await using var harness = new PublisherHarness();
        harness.Hubject.Fail = (index, _, _) => index == 0 ? HubjectStoreFake.Rejected("017") : null;
        await harness.StartAsync();

        harness.Publisher.Publish(PublisherHarness.Evse(1), EvseStatus.Occupied);
        await harness.SettleAsync();
        var refused = await CheckAsync(harness);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var recovered = await CheckAsync(harness);

        refused.Status.Should().Be(HealthStatus.Unhealthy);
        refused.Description.Should().Be("Hubject refuses the operator (017): check the client certificate and OperatorID; 1 status(es) waiting.");
        recovered.Status.Should().Be(HealthStatus.Healthy);
        recovered.Description.Should().StartWith("Publishing keeps up: nothing waiting, last success ");
        recovered.Data.Should().Contain("operatorRefused", false).And.Contain("pending", 0).And.NotContainKey("failingSince");
    }

    [Fact]
    public async Task An_outage_is_Degraded_after_a_minute_Unhealthy_after_five_and_Healthy_once_a_request_goes_through()
    {
        await using var harness = new PublisherHarness();
        var outage = true;
        harness.Hubject.Fail = (_, _, _) => outage ? HubjectStoreFake.Http(HttpStatusCode.ServiceUnavailable) : null;
        await harness.StartAsync();
        var start = harness.Time.GetUtcNow();

        harness.Publisher.Publish(PublisherHarness.Evse(1), EvseStatus.Occupied);
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(59));
        var waiting = await CheckAsync(harness);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));
        var slow = await CheckAsync(harness);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        var failing = await CheckAsync(harness);
        var health = harness.Publisher.GetHealth();
        outage = false;
        await harness.AdvanceAsync(TimeSpan.FromSeconds(31));
        var recovered = await CheckAsync(harness);

        waiting.Status.Should().Be(HealthStatus.Healthy, "the status has waited 59 s");
        slow.Status.Should().Be(HealthStatus.Degraded, "the status has waited 61 s and the failures span less than 5 minutes");
        failing.Status.Should().Be(HealthStatus.Unhealthy, failing.Description);
        failing.Description.Should().StartWith("Every request has failed for");
        health.FailingSince.Should().Be(start, "the first failure of the row was the first request");
        (health.LastFailureAt - health.FailingSince).Should().BeGreaterThan(TimeSpan.FromMinutes(5));
        recovered.Status.Should().Be(HealthStatus.Healthy, recovered.Description);
        harness.Publisher.GetHealth().FailingSince.Should().BeNull();
    }
}
