using System.Diagnostics;
using Oicp.Client.Redis.Tests.TestSupport;
using Xunit.Abstractions;

namespace Oicp.Client.Redis.Tests.Coordination;

/// <summary>
/// Three instances of one operator, each a host with its own Redis connection, 10,000 EVSEs whose changes arrive
/// round-robin on every instance, the Hubject emulator over Kestrel with a 50 ms round trip, the holder killed twice and
/// Redis restarted once with AOF persistence: one sender at a time, the cluster's rate limit, nothing lost.
/// </summary>
public sealed class ThreeInstanceScenarioTests(ITestOutputHelper output)
{
    private const int EvseCount = 10_000;
    private const int ChangesPerRound = 250;
    private const int RoundsPerPhase = 6;
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(50);
    private static readonly EvseStatus[] Statuses = [EvseStatus.Available, EvseStatus.Occupied, EvseStatus.Reserved, EvseStatus.OutOfService];

    [Fact]
    public async Task Three_instances_with_two_holder_crashes_and_a_Redis_restart_send_one_at_a_time_within_the_rate_limit_and_end_equal_to_the_truth()
    {
        var operatorId = OperatorId.Parse("DE*SCL");
        var evses = Enumerable.Range(1, EvseCount).Select(n => EvseId.Parse($"DE*SCL*E{n}")).ToArray();
        await using var redis = await RedisServer.StartAsync(appendOnly: true);
        await using var hubject = await HubjectEmulator.StartAsync(operatorId, RoundTrip, evses);
        var truth = new TruthSource();
        foreach (var evse in evses)
        {
            truth.Statuses[evse] = EvseStatus.Available;
        }

        var instances = new List<ClusterInstance>();
        for (var i = 0; i < 3; i++)
        {
            instances.Add(await ClusterInstance.StartAsync($"instance {i + 1}", redis.Configuration, hubject.BaseAddress, operatorId, truth));
        }

        var everyInstance = instances.ToList();
        var random = new Random(13);
        var published = 0;
        var takeovers = new List<TimeSpan>();

        async Task RoundAsync()
        {
            // Distinct EVSEs within a round, spread round-robin; a round is handed to Redis before the next, as one
            // charge point's notifications are ordered by its one connection.
            var alive = instances.ToList();
            foreach (var (evse, n) in evses.OrderBy(_ => random.Next()).Take(ChangesPerRound).Select((evse, n) => (evse, n)))
            {
                var status = Statuses[random.Next(Statuses.Length)];
                truth.Statuses[evse] = status;
                alive[n % alive.Count].Publisher.Publish(evse, status);
                published++;
            }

            foreach (var instance in alive)
            {
                await instance.FlushedAsync();
            }
        }

        async Task KillHolderAsync()
        {
            await Eventually.TrueAsync(() => instances.Any(static i => i.IsHolder), TimeSpan.FromSeconds(10), "an instance holds the lease");
            var holder = instances.Single(static i => i.IsHolder);
            var killed = Stopwatch.StartNew();
            await holder.KillAsync();
            instances.Remove(holder);
            await RoundAsync();
            await Eventually.TrueAsync(() => instances.Any(static i => i.IsHolder), ClusterInstance.LeaseTime + TimeSpan.FromSeconds(5), "another instance takes over");
            takeovers.Add(killed.Elapsed);
            output.WriteLine($"{holder.Name} killed; {instances.Single(static i => i.IsHolder).Name} took over after {killed.Elapsed.TotalMilliseconds:F0} ms");
        }

        async Task PhaseAsync()
        {
            for (var round = 0; round < RoundsPerPhase; round++)
            {
                await RoundAsync();
            }
        }

        await PhaseAsync();
        await KillHolderAsync();
        await PhaseAsync();
        await redis.RestartAsync(keepData: true);
        await PhaseAsync();
        await KillHolderAsync();
        await PhaseAsync();

        try
        {
            await Eventually.TrueAsync(() => hubject.AgreesWith(truth), TimeSpan.FromSeconds(15), "Hubject's view equals the truth");
        }
        catch (TimeoutException)
        {
            var view = hubject.Emulator.GetStatuses(operatorId);
            var stored = await redis.ConnectAsync();
            foreach (var (evse, status) in truth.Statuses.Where(pair => !view.TryGetValue(pair.Key, out var seen) || seen != pair.Value).Take(5))
            {
                output.WriteLine($"{evse}: truth {status}, Hubject {(view.TryGetValue(evse, out var seen) ? seen : null)}, Redis {await stored.GetDatabase().HashGetAsync($"oicp:{{{operatorId}}}:status", evse.ToString())}");
            }

            foreach (var instance in everyInstance)
            {
                foreach (var record in instance.Logs.GetSnapshot())
                {
                    output.WriteLine($"{instance.Name} {record.Timestamp:HH:mm:ss.fff} {record.Level} {record.Message} {record.Exception?.GetType().Name} {record.Exception?.Message}");
                }
            }

            throw;
        }

        var survivor = instances.Single();
        await Eventually.TrueAsync(() => survivor.Publisher.PendingCount == 0, TimeSpan.FromSeconds(10), "nothing waits");
        var keys = new RedisKeys(operatorId);
        var database = survivor.Connection.GetDatabase();
        await Eventually.TrueAsync(async () => await database.HashLengthAsync(keys.InFlight) == 0, TimeSpan.FromSeconds(5), "every change taken is acknowledged");
        var waiting = await database.SortedSetLengthAsync(keys.Waiting);
        await survivor.StopAsync();

        var statistics = hubject.Emulator.Statistics;
        output.WriteLine($"{published} changes, {statistics.TotalRequests} requests, most in a minute {hubject.MostRequestsIn(TimeSpan.FromMinutes(1))}, takeovers {string.Join(", ", takeovers.Select(t => $"{t.TotalMilliseconds:F0} ms"))}");
        statistics.OverlappingRequests.Should().Be(0, "only the holder sends, and it starts no request its lease could not outlast");
        statistics.RateLimitedRequests.Should().Be(0);
        hubject.MostRequestsIn(TimeSpan.FromMinutes(1)).Should().BeLessThanOrEqualTo(2000);
        hubject.AgreesWith(truth).Should().BeTrue();
        waiting.Should().Be(0, "every change taken was acknowledged, none waits");
        takeovers.Should().HaveCount(2).And.OnlyContain(t => t <= ClusterInstance.LeaseTime + TimeSpan.FromSeconds(1));
        everyInstance.SelectMany(static i => i.Failures).Should().BeEmpty("no change was refused or left unsent");
    }
}
