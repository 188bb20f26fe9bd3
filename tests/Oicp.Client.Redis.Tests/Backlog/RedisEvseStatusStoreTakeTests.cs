using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreTakeTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task Take_returns_the_oldest_waiting_EVSEs_first_up_to_max()
    {
        var evses = Enumerable.Range(1, 4).Select(n => RedisFixture.Evse(_keys, n)).ToArray();
        await Store.PublishAsync(evses.Select(static e => (e, EvseStatus.Occupied)).ToList());
        for (var i = 0; i < evses.Length; i++)
        {
            // Oldest last in EvseID order, so the order below comes from the waiting times.
            await redis.Database.SortedSetAddAsync(_keys.Waiting, evses[i].ToString(), 5_000 - i);
        }

        var taken = await Store.TakeAsync(3, "holder");

        taken.Select(static t => t.EvseId).Should().Equal(evses[3], evses[2], evses[1]);
        taken[0].Should().Be(new TakenEvseStatus(evses[3], EvseStatus.Occupied, 1, DateTimeOffset.FromUnixTimeMilliseconds(4_997)));
        (await Store.CountWaitingAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Take_returns_the_latest_status_and_its_sequence()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Available), (evse, EvseStatus.Occupied)]);
        await Store.PublishAsync([(evse, EvseStatus.Reserved)]);

        var taken = await Store.TakeAsync(10, "holder");

        taken.Should().ContainSingle().Which.Should().Match<TakenEvseStatus>(t => t.Status == EvseStatus.Reserved && t.Sequence == 3);
    }

    [Fact]
    public async Task Take_records_each_change_as_in_flight_with_sequence_waiting_time_and_holder()
    {
        var evse = RedisFixture.Evse(_keys, 1);
        await Store.PublishAsync([(evse, EvseStatus.Occupied)]);
        await redis.Database.SortedSetAddAsync(_keys.Waiting, evse.ToString(), 1_234);

        await Store.TakeAsync(1, "instance 7");

        (await redis.Database.HashGetAsync(_keys.InFlight, evse.ToString())).Should().Be("1 1234 instance 7");
        (await Store.CountWaitingAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Take_from_an_empty_backlog_returns_nothing()
    {
        (await Store.TakeAsync(5, "holder")).Should().BeEmpty();
    }

    [Fact]
    public async Task Take_refuses_a_max_below_one_and_an_empty_holder_token()
    {
        await Store.Invoking(static s => s.TakeAsync(0, "holder")).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("max");
        await Store.Invoking(static s => s.TakeAsync(1, " ")).Should().ThrowAsync<ArgumentException>().WithParameterName("holderToken");
    }
}
