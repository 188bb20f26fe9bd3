using Oicp.Client.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.Internal;

public sealed class RedisScriptTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    [Fact]
    public async Task Scripts_keep_working_after_SCRIPT_FLUSH()
    {
        var store = new RedisEvseStatusStore(redis.Database, _keys);
        var lease = new RedisLease(redis.Database, _keys);
        await store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Occupied)]);
        await lease.TryAcquireAsync("a", TimeSpan.FromMinutes(1));

        await redis.Connection.GetServer(redis.Server.Configuration).ScriptFlushAsync();

        (await store.PublishAsync([(RedisFixture.Evse(_keys, 2), EvseStatus.Occupied)])).Should().Be(1);
        (await store.TakeAsync(5, "a")).Should().HaveCount(2);
        (await lease.RenewAsync("a", TimeSpan.FromMinutes(1))).IsOwner.Should().BeTrue();
    }

    [Fact]
    public async Task A_foreign_value_under_one_of_our_keys_fails_with_an_error_naming_the_key()
    {
        await redis.Database.StringSetAsync(_keys.Waiting, "not a sorted set");
        var store = new RedisEvseStatusStore(redis.Database, _keys);

        var act = () => store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Occupied)]);

        (await act.Should().ThrowAsync<RedisServerException>())
            .WithMessage($"*WRONGTYPE key {_keys.Waiting} holds a string, where Oicp.Client.Redis keeps a zset (script publish)*");
        (await redis.Database.KeyExistsAsync(_keys.Statuses)).Should().BeFalse("the script stopped before writing anything");
    }

    [Fact]
    public async Task A_foreign_value_under_the_lease_key_fails_with_an_error_naming_the_key()
    {
        await redis.Database.HashSetAsync(_keys.Lease, "field", "value");

        var act = () => new RedisLease(redis.Database, _keys).TryAcquireAsync("a", TimeSpan.FromMinutes(1));

        (await act.Should().ThrowAsync<RedisServerException>()).WithMessage($"*key {_keys.Lease} holds a hash*");
    }

    [Fact]
    public async Task Reading_every_status_names_a_foreign_value_under_the_status_key()
    {
        await redis.Database.StringSetAsync(_keys.Statuses, "not a hash");

        var act = async () => await new RedisEvseStatusStore(redis.Database, _keys).GetAllStatusesAsync().ToListAsync();

        (await act.Should().ThrowAsync<RedisServerException>()).WithMessage($"*key {_keys.Statuses} holds a string*");
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => new RedisEvseStatusStore(redis.Database, _keys).CountWaitingAsync(cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
