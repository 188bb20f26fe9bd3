using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The sliding-window rate limit of one operator shared by every holder: the completion time of each request
/// (Redis clock, microseconds) in a sorted set, so a new holder continues the window of the previous one. Same
/// semantics as the in-process <c>ExactSlidingWindowRateLimiter</c>: a request may start once the one <c>limit</c> places
/// back completed a window ago, so no window, wherever it begins, holds more than <c>limit</c> requests.
/// </summary>
internal sealed class RedisRequestWindow
{
    // Members are the completion time itself, moved on by a microsecond in the unlikely case it is taken, so two
    // completions never collapse into one. The key expires a window after the last completion: an idle operator
    // leaves nothing behind.
    private static readonly RedisScript Record = new(
        "window-record",
        """
        local now = now_us()
        local window = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. int(now - window))
        while redis.call('ZSCORE', KEYS[1], int(now)) do
          now = now + 1
        end
        redis.call('ZADD', KEYS[1], int(now), int(now))
        redis.call('PEXPIRE', KEYS[1], int(math.ceil(window / 1000) + 1000))
        return int(now)
        """,
        "zset");

    // Of the last `limit` completions (oldest first), the request `last` beyond the free room waits for the one
    // as many places in to leave the window. Completions older than the window yield no wait, so none is trimmed here.
    private static readonly RedisScript Delay = new(
        "window-delay",
        """
        local last, limit, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local total = redis.call('ZCARD', KEYS[1])
        local count = math.min(total, limit)
        local free = limit - count
        if last <= free then
          return 0
        end
        local rank = total - count + (last - free - 1)
        local completed = redis.call('ZRANGE', KEYS[1], rank, rank, 'WITHSCORES')[2]
        return int(math.max(0, window - (now_us() - tonumber(completed))))
        """,
        "zset");

    private readonly IDatabaseAsync _database;
    private readonly RedisKey[] _keys;

    public RedisRequestWindow(IDatabaseAsync database, RedisKeys keys)
    {
        _database = database;
        _keys = [keys.RequestWindow];
    }

    /// <summary>Records that a request completed (answered, failed or abandoned) now, by the Redis clock, and forgets completions older than <paramref name="window"/>.</summary>
    /// <returns>The recorded completion time.</returns>
    public async Task<DateTimeOffset> RecordAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidWindow(window);
        var reply = await Record.EvaluateAsync(_database, _keys, [ToMicroseconds(window)], cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.UnixEpoch.AddTicks(RedisValues.ToInt64(_keys[0], reply) * TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>
    /// How long until the last of <paramref name="requests"/> more requests could start, if each started as soon as
    /// the window allowed; zero when they all fit now (and when <paramref name="limit"/> is 0 or less: no limit).
    /// </summary>
    public async Task<TimeSpan> GetDelayAsync(int requests, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidWindow(window);
        if (limit <= 0 || requests <= 0)
        {
            return TimeSpan.Zero;
        }

        // Every full window's worth of requests beyond the first pushes the last one a whole window later.
        var windows = (requests - 1) / limit;
        var last = requests - (windows * limit);
        var reply = await Delay.EvaluateAsync(_database, _keys, [last, limit, ToMicroseconds(window)], cancellationToken).ConfigureAwait(false);
        var wait = TimeSpan.FromMicroseconds(RedisValues.ToInt64(_keys[0], reply));
        return RoundUp(wait) + (window * windows);
    }

    private static long ToMicroseconds(TimeSpan window) => window.Ticks / TimeSpan.TicksPerMicrosecond;

    private static void ThrowIfInvalidWindow(TimeSpan window)
    {
        if (window < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The rate-limit window must be at least one millisecond.");
        }
    }

    /// <summary>Rounds a wait up to whole milliseconds: timers truncate, so a 0.4 ms wait would not wait and a request would start early.</summary>
    private static TimeSpan RoundUp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
