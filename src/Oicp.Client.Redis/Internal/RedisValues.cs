using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>Reads what the scripts return, strictly: a value we did not write fails with the key that holds it.</summary>
internal static class RedisValues
{
    public static EvseId ToEvseId(RedisKey key, RedisResult value) => ToEvseId(key, (string?)value);

    public static EvseId ToEvseId(RedisKey key, string? value) => EvseId.TryParse(value, out var evseId)
        ? evseId
        : throw new InvalidOperationException($"Redis key {key} holds '{value}' where an EvseID belongs; it was not written by Oicp.Client.Redis.");

    public static EvseStatus ToStatus(RedisKey key, EvseId evseId, string? value) => OicpWireNames.TryParseEvseStatus(value, out var status)
        ? status
        : throw new InvalidOperationException($"Redis key {key} holds '{value}' as the status of {evseId}, which is not an OICP EvseStatus.");

    public static long ToInt64(RedisKey key, RedisResult value) => long.TryParse((string?)value, out var number)
        ? number
        : throw new InvalidOperationException($"Redis key {key} holds '{value}' where a whole number belongs.");

    public static DateTimeOffset FromUnixMilliseconds(RedisKey key, RedisResult value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ToInt64(key, value));

    /// <summary>A time span as whole milliseconds for Redis, rounded up so a positive span never becomes zero.</summary>
    public static long ToMilliseconds(TimeSpan value) => (long)Math.Ceiling(value.TotalMilliseconds);

    /// <summary>Redis' <c>PTTL</c> answer as a time span: -1 (no expiry) is infinite, -2 (no key) is zero.</summary>
    public static TimeSpan FromPttl(long milliseconds) => milliseconds switch
    {
        -1 => Timeout.InfiniteTimeSpan,
        < 0 => TimeSpan.Zero,
        _ => TimeSpan.FromMilliseconds(milliseconds),
    };
}
