using System.Diagnostics;
using Oicp.Client.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.FullLoad;

/// <summary>What survives a Redis restart, with and without AOF persistence; each test runs its own redis-server.</summary>
public sealed class RedisRestartTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_crash_with_AOF_persistence_keeps_backlog_in_flight_changes_lease_window_and_sentinel()
    {
        await using var server = await RedisServer.StartAsync(appendOnly: true);
        await using var connection = await server.ConnectAsync();
        var keys = RedisFixture.NewOperator();
        var (store, lease, window, ledger) = Open(connection, keys);
        var evses = Enumerable.Range(1, 5).Select(n => RedisFixture.Evse(keys, n)).ToArray();
        await store.PublishAsync(evses.Select(static e => (e, EvseStatus.Occupied)).ToList());
        var inFlight = await store.TakeAsync(2, "holder");
        await lease.TryAcquireAsync("holder", LeaseTime);
        await window.RecordAsync(TimeSpan.FromMinutes(1));
        await ledger.MarkInitialisedAsync();
        await ledger.RecordFullLoadAsync();

        server.Kill();
        await server.RestartAsync(keepData: true);
        await WaitUntilConnectedAsync(connection);

        (await ledger.ProbeAsync()).Should().Be(RedisDataState.Intact);
        (await store.CountWaitingAsync()).Should().Be(3);
        (await lease.RenewAsync("holder", LeaseTime)).IsOwner.Should().BeTrue();
        (await window.GetDelayAsync(1, 1, TimeSpan.FromMinutes(1))).Should().BePositive();
        (await ledger.GetLastFullLoadAsync()).Should().NotBeNull();
        (await store.ReclaimAsync("next holder")).Should().Be(2, "the changes in flight at the crash are still known");
        (await store.TakeAsync(10, "next holder")).Select(static t => t.EvseId).Should().BeEquivalentTo(evses);
        (await store.GetAllStatusesAsync().ToListAsync()).Should().HaveCount(5);
        inFlight.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_restart_without_persistence_is_detected_as_lost()
    {
        await using var server = await RedisServer.StartAsync(appendOnly: false);
        await using var connection = await server.ConnectAsync();
        var keys = RedisFixture.NewOperator();
        var (store, _, _, ledger) = Open(connection, keys);
        await ledger.MarkInitialisedAsync();
        await store.PublishAsync([(RedisFixture.Evse(keys, 1), EvseStatus.Occupied)]);

        await server.RestartAsync(keepData: true);
        await WaitUntilConnectedAsync(connection);

        (await ledger.ProbeAsync()).Should().Be(RedisDataState.Lost);
        (await store.CountWaitingAsync()).Should().Be(0, "Redis kept nothing");
        (await new RedisFullLoadLedger(connection.GetDatabase(), keys).ProbeAsync()).Should().Be(RedisDataState.Fresh, "a process that never saw the sentinel cannot tell");
    }

    [Fact]
    public async Task A_restart_that_deletes_the_AOF_files_is_detected_as_lost()
    {
        await using var server = await RedisServer.StartAsync(appendOnly: true);
        await using var connection = await server.ConnectAsync();
        var keys = RedisFixture.NewOperator();
        var ledger = new RedisFullLoadLedger(connection.GetDatabase(), keys);
        await ledger.MarkInitialisedAsync();

        await server.RestartAsync(keepData: false);
        await WaitUntilConnectedAsync(connection);

        (await ledger.ProbeAsync()).Should().Be(RedisDataState.Lost);
    }

    private static (RedisEvseStatusStore, RedisLease, RedisRequestWindow, RedisFullLoadLedger) Open(IConnectionMultiplexer connection, RedisKeys keys)
    {
        var database = connection.GetDatabase();
        return (new(database, keys), new(database, keys), new(database, keys), new(database, keys));
    }

    // The multiplexer reconnects by itself; the test waits for that, as an instance would.
    private static async Task WaitUntilConnectedAsync(IConnectionMultiplexer connection)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }
    }
}
