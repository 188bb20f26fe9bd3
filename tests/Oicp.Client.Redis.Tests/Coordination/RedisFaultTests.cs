using Microsoft.Extensions.Logging;
using Oicp.Client.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.Coordination;

/// <summary>
/// Faults of Redis while an instance coordinates through it: a lease key held by something else, a Redis that answers
/// errors, its scripts flushed. Nothing is sent that should not be, and no status is lost: Hubject ends equal to the truth.
/// </summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private const int EvseCount = 200;
    private static readonly OperatorId Operator = OperatorId.Parse("DE*FLT");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly Random _random = new(7);
    private OperatorTestbed _testbed = null!;
    private ConnectionMultiplexer _admin = null!;
    private ClusterInstance _instance = null!;

    private RedisKeys Keys { get; } = new(Operator);

    private RedisServer Redis => _testbed.Redis;

    private HubjectEmulator Hubject => _testbed.Hubject;

    public async Task InitializeAsync()
    {
        _testbed = await OperatorTestbed.StartAsync(Operator, EvseCount, TimeSpan.FromMilliseconds(10));
        _admin = await Redis.ConnectAsync(allowAdmin: true);
    }

    public async Task DisposeAsync()
    {
        await _testbed.DisposeAsync();
        await _admin.DisposeAsync();
    }

    [Fact]
    public async Task A_lease_key_held_by_something_else_stops_all_sending_with_an_error_and_nothing_is_lost_once_it_is_gone()
    {
        await _admin.GetDatabase().StringSetAsync(Keys.Lease, "another-application");
        _instance = await _testbed.StartInstanceAsync("instance");
        Publish(50);

        await Eventually.TrueAsync(() => _instance.Logs.GetSnapshot().Any(static r => r.Id.Id == 206 && r.Level == LogLevel.Error), Deadline, "an error names the foreign lease key");
        _instance.Logs.GetSnapshot().Single(static r => r.Id.Id == 206).Message.Should().Contain($"Redis key {Keys.Lease} holds a value without expiry");
        _instance.IsHolder.Should().BeFalse();
        Hubject.Emulator.Statistics.TotalRequests.Should().Be(0, "only the holder of the lease sends");

        await _admin.GetDatabase().KeyDeleteAsync(Keys.Lease);
        await AgreesAsync("the changes published while the key was held reach Hubject");
    }

    [Fact]
    public async Task A_Redis_that_answers_errors_keeps_the_changes_in_memory_and_they_flow_when_it_answers_again()
    {
        _instance = await _testbed.StartInstanceAsync("instance");
        await AgreesAsync("the fullLoad at start reaches Hubject");
        var server = _admin.GetServer(Redis.Configuration);

        // Out of memory with the default noeviction policy: every write is answered with an OOM error.
        await server.ConfigSetAsync("maxmemory", "1");
        try
        {
            Publish(50);
            await Eventually.TrueAsync(() => _instance.Logs.GetSnapshot().Any(static r => r.Id.Id == 201 && r.Level == LogLevel.Warning), Deadline, "a warning says the changes wait in memory");
            _instance.Publisher.PendingCount.Should().BeGreaterThan(0);
        }
        finally
        {
            await server.ConfigSetAsync("maxmemory", "0");
        }

        await AgreesAsync("the changes kept in memory reach Hubject once Redis answers");
        _instance.Logs.GetSnapshot().Should().Contain(static r => r.Id.Id == 202, "a log says Redis answers again");
        _instance.Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Scripts_flushed_from_Redis_are_loaded_again_and_no_change_is_lost()
    {
        _instance = await _testbed.StartInstanceAsync("instance");
        Publish(50);
        await AgreesAsync("the first changes reach Hubject");

        await _admin.GetServer(Redis.Configuration).ScriptFlushAsync();
        Publish(50);

        await AgreesAsync("the changes after SCRIPT FLUSH reach Hubject");
        _instance.Failures.Should().BeEmpty();
    }

    private void Publish(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var evse = _testbed.Evses[_random.Next(EvseCount)];
            var status = (EvseStatus)_random.Next(4);
            _testbed.Truth.Statuses[evse] = status;
            _instance.Publisher.Publish(evse, status);
        }
    }

    private Task AgreesAsync(string what) => _testbed.AgreesAsync(Deadline, what);
}
