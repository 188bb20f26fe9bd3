using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStorePublishTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task Publish_stores_the_latest_status_with_a_sequence_per_EVSE_and_makes_each_EVSE_wait_once()
    {
        var (a, b) = (RedisFixture.Evse(_keys, 1), RedisFixture.Evse(_keys, 2));

        var became = await Store.PublishAsync([(a, EvseStatus.Available), (a, EvseStatus.Occupied), (b, EvseStatus.Reserved)]);

        became.Should().Be(2, "the second change of the first EVSE replaced a status that still waited");
        (await redis.Database.HashGetAsync(_keys.Statuses, a.ToString())).Should().Be("Occupied");
        (await redis.Database.HashGetAsync(_keys.Statuses, b.ToString())).Should().Be("Reserved");
        (await redis.Database.HashGetAsync(_keys.Sequences, a.ToString())).Should().Be(2);
        (await redis.Database.HashGetAsync(_keys.Sequences, b.ToString())).Should().Be(1);
        (await Store.CountWaitingAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Publish_keeps_the_first_waiting_time_of_an_EVSE_that_already_waits()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Available)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 1_000);

        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);

        (await redis.Database.SortedSetScoreAsync(_keys.Waiting, evse.ToString())).Should().Be(1_000);
        var taken = await Store.TakeAsync(1, "holder");
        taken.Should().ContainSingle().Which.Should().Be(
            new TakenEvseStatus(evse, EvseStatus.Occupied, 2, DateTimeOffset.FromUnixTimeMilliseconds(1_000)));
    }

    [Fact]
    public async Task Publish_splits_a_large_batch_into_pipelined_scripts_that_keep_the_list_order()
    {
        var evse = RedisFixture.Evse(_keys, 0);
        var changes = new List<(EvseId, EvseStatus)> { (evse, EvseStatus.Available) };
        for (var i = 1; i < (3 * RedisEvseStatusStore.ChangesPerScript) + 7; i++)
        {
            changes.Add((RedisFixture.Evse(_keys, i), EvseStatus.Occupied));
        }

        changes.Add((evse, EvseStatus.OutOfService));

        var became = await Store.PublishAsync(changes);

        became.Should().Be(changes.Count - 1);
        (await redis.Database.HashGetAsync(_keys.Statuses, evse.ToString())).Should().Be("OutOfService", "the last change in the list wins");
        (await redis.Database.HashGetAsync(_keys.Sequences, evse.ToString())).Should().Be(2);
        (await Store.CountWaitingAsync()).Should().Be(changes.Count - 1);
    }

    [Fact]
    public async Task Publish_of_an_empty_list_sends_nothing()
    {
        (await Store.PublishAsync([])).Should().Be(0);
        (await redis.Database.KeyExistsAsync(_keys.Statuses)).Should().BeFalse();
    }

    [Fact]
    public async Task Publish_names_an_empty_EvseId_and_sends_none_of_the_batch()
    {
        var act = () => Store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Available), (default, EvseStatus.Available)]);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("changes[1].EvseId is empty*");
        (await redis.Database.KeyExistsAsync(_keys.Statuses)).Should().BeFalse();
    }

    [Fact]
    public async Task Publish_names_an_undefined_status_and_sends_none_of_the_batch()
    {
        var evse = RedisFixture.Evse(_keys, 2);
        var act = () => Store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Available), (evse, (EvseStatus)42)]);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithMessage($"changes[1].Status ({evse}) must be one of Available, *");
        (await redis.Database.KeyExistsAsync(_keys.Statuses)).Should().BeFalse();
    }

    [Fact]
    public async Task EVSEs_published_by_different_instances_wait_in_the_order_of_the_Redis_clock()
    {
        await using var other = await redis.Server.ConnectAsync();
        var otherStore = new RedisEvseStatusStore(other.GetDatabase(), _keys);
        var (a, b, c) = (RedisFixture.Evse(_keys, 3), RedisFixture.Evse(_keys, 2), RedisFixture.Evse(_keys, 1));

        await Store.PublishAsync([(a, EvseStatus.Occupied)]);
        await RedisClock.WaitForNextMillisecondAsync(redis.Database);
        await otherStore.PublishAsync([(b, EvseStatus.Occupied)]);
        await RedisClock.WaitForNextMillisecondAsync(redis.Database);
        await Store.PublishAsync([(c, EvseStatus.Occupied)]);

        var taken = await otherStore.TakeAsync(3, "holder");
        taken.Select(static t => t.EvseId).Should().Equal(a, b, c);
        taken.Select(static t => t.WaitingSince).Should().BeInAscendingOrder();
    }
}
