using Microsoft.Extensions.Diagnostics.HealthChecks;
using Oicp.Client.HealthChecks;
using Oicp.Client.HealthChecks.Internal;
using Oicp.Client.Tests.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>The <c>oicp-fullload</c> check over a real publisher on a fake clock: its start time and its fullLoads.</summary>
public sealed class FullLoadHealthOverPublisherTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(26);

    private static Task<HealthCheckResult> CheckAsync(PublisherHarness harness) =>
        new FullLoadHealthCheck(harness.Publisher, new OicpHealthCheckOptions(), harness.Time).CheckHealthAsync(new HealthCheckContext());

    private static DictionarySnapshotSource Snapshot() => new(new Dictionary<EvseId, EvseStatus> { [PublisherHarness.Evse(1)] = EvseStatus.Available });

    [Fact]
    public async Task The_fullLoad_at_start_is_Healthy_and_turns_Degraded_when_no_other_follows_within_26_hours()
    {
        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, Snapshot());
        var start = harness.Time.GetUtcNow();
        await harness.StartAsync();

        var fresh = await CheckAsync(harness);
        harness.Time.Advance(Limit + TimeSpan.FromSeconds(1));
        var stale = await CheckAsync(harness);
        await harness.Publisher.RequestFullLoadAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var renewed = await CheckAsync(harness);

        fresh.Status.Should().Be(HealthStatus.Healthy);
        fresh.Data.Should().Contain("lastFullLoadAt", start).And.Contain("startedAt", start);
        stale.Status.Should().Be(HealthStatus.Degraded);
        renewed.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task FullLoads_that_fail_for_26_hours_after_the_start_are_Degraded_with_the_answer()
    {
        await using var harness = new PublisherHarness(o => o.FullLoadOnStart = true, Snapshot());
        harness.Hubject.Fail = (_, action, records) => action == ActionType.FullLoad ? HubjectStoreFake.Rejected("022", action, records.Length) : null;
        var start = harness.Time.GetUtcNow();
        await harness.StartAsync();

        var early = await CheckAsync(harness);
        harness.Time.Advance(Limit + TimeSpan.FromSeconds(1));
        var late = await CheckAsync(harness);

        harness.Publisher.GetHealth().StartedAt.Should().Be(start);
        early.Status.Should().Be(HealthStatus.Healthy);
        early.Description.Should().StartWith("No fullLoad acknowledged yet; the publisher started 0 s ago.");
        late.Status.Should().Be(HealthStatus.Degraded);
        late.Description.Should().Contain("since the publisher started 26 h ago").And.Contain("code 022");
    }
}
