using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The fullLoad bookkeeping of one operator shared by every instance: the time of the last successful fullLoad,
/// so it happens once per operator per day across the cluster, and a sentinel key that tells whether Redis still
/// holds the state written since the operator was initialised. One ledger per operator and process: it remembers
/// whether this process has seen the sentinel.
/// </summary>
internal sealed class RedisFullLoadLedger
{
    // Both the fullLoad time and the sentinel hold the Redis time they were written at.
    private static readonly RedisScript Stamp = new(
        "stamp",
        """
        local now = int(now_ms())
        redis.call('SET', KEYS[1], now)
        return now
        """,
        "string");

    private static readonly RedisScript ReadFullLoad = new(
        "fullload-read",
        """
        local at = redis.call('GET', KEYS[1])
        if not at then
          return {}
        end
        return { at, int(now_ms()) }
        """,
        "string");

    private static readonly RedisScript Probe = new("sentinel-probe", "return redis.call('EXISTS', KEYS[1])", "string");

    private readonly IDatabaseAsync _database;
    private readonly RedisKeys _keys;
    private volatile bool _sawSentinel;

    public RedisFullLoadLedger(IDatabaseAsync database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
    }

    /// <summary>Records that a fullLoad succeeded now, by the Redis clock.</summary>
    /// <returns>The recorded time.</returns>
    public async Task<DateTimeOffset> RecordFullLoadAsync(CancellationToken cancellationToken = default) =>
        RedisValues.FromUnixMilliseconds(_keys.LastFullLoad, await Stamp.EvaluateAsync(_database, [_keys.LastFullLoad], [], cancellationToken).ConfigureAwait(false));

    /// <summary>The last successful fullLoad and its age on the Redis clock; <see langword="null"/> when none was recorded.</summary>
    public async Task<LastFullLoad?> GetLastFullLoadAsync(CancellationToken cancellationToken = default)
    {
        var reply = (RedisResult[])(await ReadFullLoad.EvaluateAsync(_database, [_keys.LastFullLoad], [], cancellationToken).ConfigureAwait(false))!;
        if (reply.Length == 0)
        {
            return null;
        }

        var at = RedisValues.FromUnixMilliseconds(_keys.LastFullLoad, reply[0]);
        var now = RedisValues.FromUnixMilliseconds(_keys.LastFullLoad, reply[1]);
        return new LastFullLoad(at, now > at ? now - at : TimeSpan.Zero);
    }

    /// <summary>Writes the sentinel: the operator's state in Redis is initialised (after the fullLoad that set Hubject's view).</summary>
    public async Task MarkInitialisedAsync(CancellationToken cancellationToken = default)
    {
        await Stamp.EvaluateAsync(_database, [_keys.Sentinel], [], cancellationToken).ConfigureAwait(false);
        _sawSentinel = true;
    }

    /// <summary>Tells whether the operator's state is <see cref="RedisDataState.Fresh"/>, <see cref="RedisDataState.Intact"/> or <see cref="RedisDataState.Lost"/>.</summary>
    public async Task<RedisDataState> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if ((long)await Probe.EvaluateAsync(_database, [_keys.Sentinel], [], cancellationToken).ConfigureAwait(false) == 1)
        {
            _sawSentinel = true;
            return RedisDataState.Intact;
        }

        return _sawSentinel ? RedisDataState.Lost : RedisDataState.Fresh;
    }
}
