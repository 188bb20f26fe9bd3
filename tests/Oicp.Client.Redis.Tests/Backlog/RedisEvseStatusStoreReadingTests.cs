using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreReadingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisEvseStatusStore Store => new(redis.Database, _keys);

    [Fact]
    public async Task CountWaiting_counts_the_waiting_EVSEs_but_not_those_in_flight()
    {
        await Store.PublishAsync(Enumerable.Range(1, 5).Select(n => (RedisFixture.Evse(_keys, n), EvseStatus.Occupied)).ToList());
        await Store.TakeAsync(2, "holder");

        (await Store.CountWaitingAsync()).Should().Be(3);
    }

    [Fact]
    public async Task OldestWaitingSince_tells_the_EVSE_first_in_line_and_its_age_on_the_Redis_clock()
    {
        var (a, b) = (RedisFixture.Evse(_keys, 1), RedisFixture.Evse(_keys, 2));
        await Store.PublishAsync([(a, EvseStatus.Occupied), (b, EvseStatus.Occupied)]);
        var since = await RedisClock.NowMillisecondsAsync(redis.Database) - 5_000;
        await redis.Database.SortedSetAddAsync(_keys.Waiting, b.ToString(), since);

        var oldest = await Store.OldestWaitingSinceAsync();

        oldest.Should().NotBeNull();
        oldest!.Value.EvseId.Should().Be(b);
        oldest.Value.Since.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(since));
        oldest.Value.Age.Should().BeCloseTo(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task OldestWaitingSince_is_null_when_nothing_waits()
    {
        (await Store.OldestWaitingSinceAsync()).Should().BeNull();
    }

    [Fact]
    public async Task GetAllStatuses_streams_the_latest_status_of_every_EVSE_page_by_page()
    {
        var changes = Enumerable.Range(1, 2_500).Select(n => (RedisFixture.Evse(_keys, n), (EvseStatus)(n % 4))).ToList();
        await Store.PublishAsync(changes);
        await Store.PublishAsync([(RedisFixture.Evse(_keys, 7), EvseStatus.Unknown)]);
        await Store.AcknowledgeAsync(await Store.TakeAsync(100, "holder"), "holder");

        var statuses = await Store.GetAllStatusesAsync(pageSize: 100).ToListAsync();

        var expected = changes.Select(static c => new EvseStatusRecord(c.Item1, c.Item2)).ToDictionary(static r => r.EvseId);
        expected[RedisFixture.Evse(_keys, 7)] = new EvseStatusRecord(RedisFixture.Evse(_keys, 7), EvseStatus.Unknown);
        statuses.Should().OnlyHaveUniqueItems(static r => r.EvseId);
        statuses.OrderBy(static r => r.EvseId).Should().Equal(expected.Values.OrderBy(static r => r.EvseId), "acknowledged EVSEs keep their latest status too");
    }

    [Fact]
    public async Task GetAllStatuses_of_an_operator_without_statuses_is_empty()
    {
        (await Store.GetAllStatusesAsync().ToListAsync()).Should().BeEmpty();
    }
}
