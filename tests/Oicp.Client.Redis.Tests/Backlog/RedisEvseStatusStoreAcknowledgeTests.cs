using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreAcknowledgeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task Acknowledge_clears_the_in_flight_entries_and_nothing_waits_again()
    {
        await Store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Occupied), (RedisFixture.Evse(_keys, 2), EvseStatus.Available)]);
        var taken = await Store.TakeAsync(2, "holder");

        (await Store.AcknowledgeAsync(taken, "holder")).Should().Be(2);

        (await redis.Database.HashLengthAsync(_keys.InFlight)).Should().Be(0);
        (await Store.CountWaitingAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_status_published_after_the_take_still_waits_after_the_acknowledgement()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        var taken = await Store.TakeAsync(1, "holder");
        await Store.PublishAsync([(evse, EvseStatus.Available)]);

        (await Store.AcknowledgeAsync(taken, "holder")).Should().Be(1);

        var next = await Store.TakeAsync(1, "holder");
        next.Should().ContainSingle().Which.Should().Match<TakenEvseStatus>(t => t.Status == EvseStatus.Available && t.Sequence == 2);
    }

    [Fact]
    public async Task An_acknowledged_change_is_never_put_back_by_a_takeover()
    {
        await Store.PublishAsync([(RedisFixture.Evse(_keys, 1), EvseStatus.Occupied)]);
        await Store.AcknowledgeAsync(await Store.TakeAsync(1, "old holder"), "old holder");

        (await Store.ReclaimAsync("new holder")).Should().Be(0);

        (await Store.CountWaitingAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Acknowledge_by_another_holder_or_of_an_older_sequence_leaves_the_entry()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        var first = await Store.TakeAsync(1, "holder");
        await Store.PublishAsync([(evse, EvseStatus.Available)]);
        var second = await Store.TakeAsync(1, "holder");

        (await Store.AcknowledgeAsync(second, "someone else")).Should().Be(0);
        (await Store.AcknowledgeAsync(first, "holder")).Should().Be(0, "the entry now stands for the second take");

        (await redis.Database.HashGetAsync(_keys.InFlight, evse.ToString())).ToString().Should().StartWith("2 ");
        (await Store.AcknowledgeAsync(second, "holder")).Should().Be(1);
    }

    [Fact]
    public async Task Acknowledging_nothing_sends_nothing()
    {
        (await Store.AcknowledgeAsync([], "holder")).Should().Be(0);
    }
}
