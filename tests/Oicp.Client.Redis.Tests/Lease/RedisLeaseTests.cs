using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Lease;

public sealed class RedisLeaseTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly RedisKeys _keys = RedisFixture.NewOperator();

    private RedisLease Lease => new(redis.Database, _keys);

    [Fact]
    public async Task The_first_holder_takes_the_lease_and_a_second_one_on_another_connection_is_refused()
    {
        await using var other = await redis.Server.ConnectAsync();
        var otherLease = new RedisLease(other.GetDatabase(), _keys);

        var first = await Lease.TryAcquireAsync("a", Ttl);
        var second = await otherLease.TryAcquireAsync("b", TimeSpan.FromMinutes(5));

        first.Should().Be(new LeaseState(true, Ttl));
        second.IsOwner.Should().BeFalse();
        second.Remaining.Should().BeCloseTo(Ttl, TimeSpan.FromSeconds(3), "it reports how long the holder keeps it");
        (await redis.Database.StringGetAsync(_keys.Lease)).Should().Be("a");
    }

    [Fact]
    public async Task Acquiring_again_tells_the_owner_it_holds_the_lease_without_extending_it()
    {
        await Lease.TryAcquireAsync("a", Ttl);

        var again = await Lease.TryAcquireAsync("a", TimeSpan.FromMinutes(10));

        again.IsOwner.Should().BeTrue();
        again.Remaining.Should().BeLessThanOrEqualTo(Ttl);
    }

    [Fact]
    public async Task Renew_by_the_owner_extends_the_lease()
    {
        await Lease.TryAcquireAsync("a", TimeSpan.FromSeconds(2));

        var renewed = await Lease.RenewAsync("a", Ttl);

        renewed.Should().Be(new LeaseState(true, Ttl));
        (await redis.Database.KeyTimeToLiveAsync(_keys.Lease)).Should().BeCloseTo(Ttl, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Renew_by_another_token_is_refused_and_does_not_extend_the_lease()
    {
        await Lease.TryAcquireAsync("a", TimeSpan.FromSeconds(2));

        var renewed = await Lease.RenewAsync("b", Ttl);

        renewed.IsOwner.Should().BeFalse();
        renewed.Remaining.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        (await redis.Database.KeyTimeToLiveAsync(_keys.Lease)).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        (await redis.Database.StringGetAsync(_keys.Lease)).Should().Be("a");
    }

    [Fact]
    public async Task An_expired_lease_is_not_revived_by_its_old_holder_and_another_holder_takes_it()
    {
        await Lease.TryAcquireAsync("a", Ttl);
        await RedisClock.ExpireNowAsync(redis.Database, _keys.Lease);

        var renewed = await Lease.RenewAsync("a", Ttl);
        var taken = await Lease.TryAcquireAsync("b", Ttl);

        renewed.Should().Be(new LeaseState(false, TimeSpan.Zero));
        taken.Should().Be(new LeaseState(true, Ttl));
    }

    [Fact]
    public async Task A_lease_expires_on_the_Redis_clock_without_being_released()
    {
        // Long enough that the refusal below is read before it expires even on a loaded machine (50 ms was not).
        await Lease.TryAcquireAsync("a", TimeSpan.FromSeconds(1));
        (await Lease.TryAcquireAsync("b", Ttl)).IsOwner.Should().BeFalse();

        var waited = System.Diagnostics.Stopwatch.StartNew();
        LeaseState state;
        do
        {
            state = await Lease.TryAcquireAsync("b", Ttl);
        }
        while (!state.IsOwner && waited.Elapsed < TimeSpan.FromSeconds(10));

        state.Should().Be(new LeaseState(true, Ttl));
    }

    [Fact]
    public async Task Release_by_the_owner_lets_another_holder_take_over_at_once()
    {
        await Lease.TryAcquireAsync("a", Ttl);

        var released = await Lease.ReleaseAsync("a");

        released.Should().Be(new LeaseState(true, TimeSpan.Zero));
        (await Lease.TryAcquireAsync("b", Ttl)).IsOwner.Should().BeTrue();
    }

    [Fact]
    public async Task Release_by_another_token_leaves_the_lease_to_its_holder()
    {
        await Lease.TryAcquireAsync("a", Ttl);

        var released = await Lease.ReleaseAsync("b");

        released.IsOwner.Should().BeFalse();
        released.Remaining.Should().BeCloseTo(Ttl, TimeSpan.FromSeconds(3));
        (await redis.Database.StringGetAsync(_keys.Lease)).Should().Be("a");
    }

    [Fact]
    public async Task A_foreign_value_without_expiry_is_never_taken_over()
    {
        await redis.Database.StringSetAsync(_keys.Lease, "written by something else");

        var acquired = await Lease.TryAcquireAsync("a", Ttl);
        var renewed = await Lease.RenewAsync("a", Ttl);
        var released = await Lease.ReleaseAsync("a");

        acquired.Should().Be(new LeaseState(false, Timeout.InfiniteTimeSpan));
        renewed.Should().Be(new LeaseState(false, Timeout.InfiniteTimeSpan));
        released.Should().Be(new LeaseState(false, Timeout.InfiniteTimeSpan));
        (await redis.Database.StringGetAsync(_keys.Lease)).Should().Be("written by something else");
    }

    [Fact]
    public async Task A_lease_time_that_is_not_positive_or_an_empty_token_is_refused_before_Redis_is_asked()
    {
        await Lease.Invoking(static l => l.TryAcquireAsync("a", TimeSpan.Zero)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("ttl");
        await Lease.Invoking(static l => l.RenewAsync("a", Timeout.InfiniteTimeSpan)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("ttl");
        await Lease.Invoking(static l => l.ReleaseAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("token");
        (await redis.Database.KeyExistsAsync(_keys.Lease)).Should().BeFalse();
    }
}
