using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.FullLoad;

public sealed class RedisFullLoadLedgerTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisFullLoadLedger NewLedger() => new(redis.Database, _keys);

    [Fact]
    public async Task No_fullLoad_is_recorded_for_a_new_operator()
    {
        (await NewLedger().GetLastFullLoadAsync()).Should().BeNull();
    }

    [Fact]
    public async Task A_recorded_fullLoad_is_seen_by_every_instance_with_its_age_on_the_Redis_clock()
    {
        await using var other = await redis.Server.ConnectAsync();
        var recorded = await NewLedger().RecordFullLoadAsync();
        await redis.Database.StringSetAsync(_keys.LastFullLoad, recorded.ToUnixTimeMilliseconds() - 3_600_000);

        var last = await new RedisFullLoadLedger(other.GetDatabase(), _keys).GetLastFullLoadAsync();

        last.Should().NotBeNull();
        last!.Value.At.Should().Be(recorded.AddHours(-1));
        last.Value.Age.Should().BeCloseTo(TimeSpan.FromHours(1), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Probe_of_an_operator_never_initialised_is_fresh()
    {
        (await NewLedger().ProbeAsync()).Should().Be(RedisDataState.Fresh);
    }

    [Fact]
    public async Task Probe_after_initialisation_is_intact_for_every_instance()
    {
        await NewLedger().MarkInitialisedAsync();

        (await NewLedger().ProbeAsync()).Should().Be(RedisDataState.Intact);
    }

    [Fact]
    public async Task A_vanished_sentinel_is_lost_for_an_instance_that_saw_it_and_fresh_for_one_that_did_not()
    {
        var marked = NewLedger();
        await marked.MarkInitialisedAsync();
        var probed = NewLedger();
        (await probed.ProbeAsync()).Should().Be(RedisDataState.Intact);
        var late = NewLedger();

        await redis.Database.KeyDeleteAsync(_keys.Sentinel);

        (await marked.ProbeAsync()).Should().Be(RedisDataState.Lost);
        (await probed.ProbeAsync()).Should().Be(RedisDataState.Lost);
        (await late.ProbeAsync()).Should().Be(RedisDataState.Fresh);
    }

    [Fact]
    public async Task Marking_again_after_a_loss_makes_the_state_intact()
    {
        var ledger = NewLedger();
        await ledger.MarkInitialisedAsync();
        await redis.Database.KeyDeleteAsync(_keys.Sentinel);
        (await ledger.ProbeAsync()).Should().Be(RedisDataState.Lost);

        await ledger.MarkInitialisedAsync();

        (await ledger.ProbeAsync()).Should().Be(RedisDataState.Intact);
    }
}
