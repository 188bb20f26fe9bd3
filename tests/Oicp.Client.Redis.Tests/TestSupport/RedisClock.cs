using System.Diagnostics;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// The Redis server's clock, which the scripts use. It cannot be faked, so tests seed times relative to it
/// (a completion 20 s ago, a waiting time long past) instead of waiting.
/// </summary>
public static class RedisClock
{
    public static async Task<long> NowMicrosecondsAsync(IDatabaseAsync database)
    {
        var time = (RedisResult[])(await database.ExecuteAsync("TIME"))!;
        return ((long)time[0] * 1_000_000) + (long)time[1];
    }

    public static async Task<long> NowMillisecondsAsync(IDatabaseAsync database) => await NowMicrosecondsAsync(database) / 1000;

    /// <summary>Returns once the Redis clock has moved to the next millisecond (well under a millisecond's wait).</summary>
    public static async Task WaitForNextMillisecondAsync(IDatabaseAsync database)
    {
        var start = await NowMillisecondsAsync(database);
        while (await NowMillisecondsAsync(database) == start)
        {
        }
    }

    /// <summary>Makes Redis expire a key now, as if its time had run out, and returns once it is gone.</summary>
    public static async Task ExpireNowAsync(IDatabaseAsync database, RedisKey key)
    {
        await database.KeyExpireAsync(key, TimeSpan.FromMilliseconds(1));
        var waited = Stopwatch.StartNew();
        while (await database.KeyExistsAsync(key))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"Redis did not expire {key}.");
            }
        }
    }
}
