using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreReclaimTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task Reclaim_puts_every_change_of_a_dead_holder_back_with_its_waiting_time()
    {
        var evses = Enumerable.Range(1, 3).Select(n => RedisFixture.Evse(_keys, n)).ToArray();
        await Store.PublishAsync(evses.Select(static e => (e, EvseStatus.Occupied)).ToList());
        for (var i = 0; i < evses.Length; i++)
        {
            await redis.Database.SortedSetAddAsync(_keys.Waiting, evses[i].ToString(), 1_000 + i);
        }

        var taken = await Store.TakeAsync(3, "dead holder");

        (await Store.ReclaimAsync("new holder")).Should().Be(3);

        (await redis.Database.HashLengthAsync(_keys.InFlight)).Should().Be(0);
        (await Store.TakeAsync(3, "new holder")).Should().Equal(taken, "same statuses, same order, same waiting times");
    }

    [Fact]
    public async Task Reclaim_leaves_the_changes_of_the_caller_in_flight()
    {
        await Store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Occupied)]);
        await Store.TakeAsync(1, "holder");

        (await Store.ReclaimAsync("holder")).Should().Be(0);

        (await redis.Database.HashLengthAsync(_keys.InFlight)).Should().Be(1);
    }

    [Fact]
    public async Task After_a_takeover_the_new_holder_sends_the_latest_status_and_the_late_answer_of_the_old_one_changes_nothing()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 1_000);
        var old = await Store.TakeAsync(1, "old holder");
        await Store.PublishAsync([(evse, EvseStatus.Available)]);

        await Store.ReclaimAsync("new holder");
        var taken = await Store.TakeAsync(1, "new holder");

        taken.Should().ContainSingle().Which.Should().Be(
            new TakenEvseStatus(evse, EvseStatus.Available, 2, DateTimeOffset.FromUnixTimeMilliseconds(1_000)));
        (await Store.AcknowledgeAsync(old, "old holder")).Should().Be(0);
        (await Store.AcknowledgeAsync(taken, "new holder")).Should().Be(1);
        (await Store.CountWaitingAsync()).Should().Be(0);
        (await redis.Database.HashLengthAsync(_keys.InFlight)).Should().Be(0);
    }
}
