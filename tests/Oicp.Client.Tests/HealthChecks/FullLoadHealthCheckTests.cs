using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;
using Oicp.Client.Tests.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The <c>oicp-fullload</c> check on exact snapshots: the age of the last fullLoad, and none since the start.</summary>
public sealed class FullLoadHealthCheckTests
{
    private static readonly DateTimeOffset T0 = PublisherHealthSnapshots.Start;
    private static readonly TimeSpan Limit = TimeSpan.FromHours(26);

    private static Task<HealthCheckResult> CheckAsync(Oicp.Client.Publishing.EvseStatusPublisherHealth health, DateTimeOffset now, Action<OicpHealthCheckOptions>? configure = null)
    {
        var check = new FullLoadHealthCheck(new PublisherHealthSnapshots { Health = health }, HealthChecksRun.Thresholds(configure), new FakeTimeProvider(now));
        return check.CheckHealthAsync(new HealthCheckContext());
    }

    [Fact]
    public async Task A_fullLoad_26_hours_old_is_Healthy_and_a_moment_older_Degraded()
    {
        var health = PublisherHealthSnapshots.Make(lastFullLoadAt: T0);

        var atLimit = await CheckAsync(health, T0 + Limit);
        var beyond = await CheckAsync(health, T0 + Limit + TimeSpan.FromSeconds(1));

        atLimit.Status.Should().Be(HealthStatus.Healthy);
        atLimit.Description.Should().Be("The last fullLoad was acknowledged 26 h ago, at 2026-01-15 12:00 UTC.");
        atLimit.Data.Should().Contain("lastFullLoadAt", T0).And.Contain("lastFullLoadAgeHours", 26.0).And.Contain("startedAt", T0);
        beyond.Status.Should().Be(HealthStatus.Degraded);
        beyond.Description.Should().StartWith("The last fullLoad Hubject acknowledged was 26 h ago (more than 26 h); Hubject wants one a day.");
    }

    [Fact]
    public async Task None_yet_is_Healthy_until_the_publisher_has_run_26_hours_then_Degraded()
    {
        var health = PublisherHealthSnapshots.Make(startedAt: T0);

        var atLimit = await CheckAsync(health, T0 + Limit);
        var beyond = await CheckAsync(health, T0 + Limit + TimeSpan.FromSeconds(1));

        atLimit.Status.Should().Be(HealthStatus.Healthy);
        atLimit.Description.Should().Be("No fullLoad acknowledged yet; the publisher started 26 h ago.");
        beyond.Status.Should().Be(HealthStatus.Degraded);
        beyond.Description.Should().StartWith("No fullLoad has been acknowledged since the publisher started 26 h ago (more than 26 h).")
            .And.EndWith("Check the snapshot source (is it ready?) and the log.");
        beyond.Data.Should().NotContainKey("lastFullLoadAt");
    }

    [Fact]
    public async Task A_publisher_not_started_is_Healthy_and_says_so()
    {
        var result = await CheckAsync(PublisherHealthSnapshots.Make(started: false), T0 + TimeSpan.FromDays(3));

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Description.Should().Be("No fullLoad yet: the publisher has not started.");
        result.Data.Should().BeEmpty();
    }

    [Fact]
    public async Task The_last_failed_answer_is_named()
    {
        var refused = HubjectStoreFake.Rejected("022", Oicp.Client.ActionType.FullLoad, count: 3);
        var health = PublisherHealthSnapshots.Make(lastFullLoadAt: T0, lastFullLoadResult: refused);

        var result = await CheckAsync(health, T0 + TimeSpan.FromHours(30));

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain("The last answer to a fullLoad: fullLoad of 3 record(s): Rejected, HTTP 200, code 022 Data error.");
        result.Data.Should().Contain("lastFullLoadResult", refused.ToString());
    }

    [Fact]
    public async Task The_age_limit_is_configurable()
    {
        var health = PublisherHealthSnapshots.Make(lastFullLoadAt: T0);

        (await CheckAsync(health, T0 + TimeSpan.FromHours(3), o => o.MaxFullLoadAge = TimeSpan.FromHours(2))).Status.Should().Be(HealthStatus.Degraded);
        (await CheckAsync(health, T0 + TimeSpan.FromHours(3), o => o.MaxFullLoadAge = TimeSpan.FromHours(4))).Status.Should().Be(HealthStatus.Healthy);
    }
}
