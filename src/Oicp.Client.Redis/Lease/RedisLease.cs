using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The lease of one operator: the one instance whose token is the value of the lease key may send. It is taken
/// with <c>SET NX PX</c> and extended or released only by a script that first compares the value with the
/// caller's token, so an instance never extends or deletes a lease another one holds, and a key held by anything
/// else (another token, a foreign value) is never taken over before Redis expires it.
/// </summary>
internal sealed class RedisLease
{
    private static readonly RedisScript Acquire = new(
        "lease-acquire",
        """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return { 1, tonumber(ARGV[2]) }
        end
        return { redis.call('GET', KEYS[1]) == ARGV[1] and 1 or 0, redis.call('PTTL', KEYS[1]) }
        """,
        "string");

    private static readonly RedisScript Renew = new(
        "lease-renew",
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return { 1, tonumber(ARGV[2]) }
        end
        return { 0, redis.call('PTTL', KEYS[1]) }
        """,
        "string");

    private static readonly RedisScript Release = new(
        "lease-release",
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return { 1, -2 }
        end
        return { 0, redis.call('PTTL', KEYS[1]) }
        """,
        "string");

    private readonly IDatabaseAsync _database;
    private readonly RedisKey[] _keys;

    public RedisLease(IDatabaseAsync database, RedisKeys keys)
    {
        _database = database;
        _keys = [keys.Lease];
    }

    /// <summary>Takes the lease for <paramref name="ttl"/> if nobody holds it; reports the holder's remaining time either way. Owning it already does not extend it.</summary>
    public Task<LeaseState> TryAcquireAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        RunAsync(Acquire, token, ttl, cancellationToken);

    /// <summary>Extends the lease to <paramref name="ttl"/> from now, only if <paramref name="token"/> still holds it (an expired lease is not revived).</summary>
    public Task<LeaseState> RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        RunAsync(Renew, token, ttl, cancellationToken);

    /// <summary>Deletes the lease, only if <paramref name="token"/> holds it, so another instance can take over at once.</summary>
    public async Task<LeaseState> ReleaseAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return ToState(await Release.EvaluateAsync(_database, _keys, [token], cancellationToken).ConfigureAwait(false));
    }

    private async Task<LeaseState> RunAsync(RedisScript script, string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The lease time must be positive: a lease without expiry would outlive a crashed holder.");
        }

        var reply = await script.EvaluateAsync(_database, _keys, [token, RedisValues.ToMilliseconds(ttl)], cancellationToken).ConfigureAwait(false);
        return ToState(reply);
    }

    private static LeaseState ToState(RedisResult reply)
    {
        var parts = (RedisResult[])reply!;
        return new LeaseState((long)parts[0] == 1, RedisValues.FromPttl((long)parts[1]));
    }
}
