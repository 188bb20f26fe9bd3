using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreRestoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task Restore_puts_a_change_back_with_its_original_waiting_time()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 2_000);
        var taken = await Store.TakeAsync(1, "holder");

        (await Store.RestoreAsync(taken, "holder")).Should().Be(1);

        (await redis.Database.SortedSetScoreAsync(_keys.Waiting, evse.ToString())).Should().Be(2_000);
        (await redis.Database.HashLengthAsync(_keys.InFlight)).Should().Be(0);
        (await Store.TakeAsync(1, "holder")).Should().Equal(taken);
    }

    [Fact]
    public async Task Restore_keeps_the_older_time_and_the_newer_status_when_the_EVSE_waits_again()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 2_000);
        var taken = await Store.TakeAsync(1, "holder");
        await Store.PublishAsync([(evse, EvseStatus.Available)]);

        (await Store.RestoreAsync(taken, "holder")).Should().Be(1);

        var next = await Store.TakeAsync(5, "holder");
        next.Should().ContainSingle().Which.Should().Be(
            new TakenEvseStatus(evse, EvseStatus.Available, 2, DateTimeOffset.FromUnixTimeMilliseconds(2_000)));
    }

    [Fact]
    public async Task Restore_keeps_the_waiting_time_when_it_is_older_than_the_restored_one()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        var taken = await Store.TakeAsync(1, "holder");
        await Store.PublishAsync([(evse, EvseStatus.Available)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 1_000);

        await Store.RestoreAsync(taken, "holder");

        (await redis.Database.SortedSetScoreAsync(_keys.Waiting, evse.ToString())).Should().Be(1_000);
    }

    [Fact]
    public async Task Restore_of_a_change_another_holder_reclaimed_changes_nothing()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        var taken = await Store.TakeAsync(1, "old holder");
        await Store.ReclaimAsync("new holder");
        var retaken = await Store.TakeAsync(1, "new holder");

        (await Store.RestoreAsync(taken, "old holder")).Should().Be(0);

        (await Store.CountWaitingAsync()).Should().Be(0, "the new holder has it in flight");
        (await Store.AcknowledgeAsync(retaken, "new holder")).Should().Be(1);
    }
}
