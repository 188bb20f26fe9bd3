using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// One Lua script of the coordination layer. Each runs atomically on the Redis server, reads the time from
/// Redis (<c>TIME</c>), so the clocks of the instances never matter, and first checks that every key it is
/// given holds the type it expects: a foreign value under one of our names fails with an error naming the key
/// instead of a bare <c>WRONGTYPE</c>. The text goes through <see cref="IDatabaseAsync.ScriptEvaluateAsync(string, RedisKey[], RedisValue[], CommandFlags)"/>,
/// which sends the SHA1 once the script is known and the full text again when Redis answers <c>NOSCRIPT</c>,
/// so a <c>SCRIPT FLUSH</c> or a restarted Redis costs one round trip, not an error.
/// </summary>
internal sealed class RedisScript
{
    // Shared by every script: the Redis clock in milliseconds or microseconds, and exact integer formatting
    // (Lua numbers are doubles and tostring keeps only 14 digits, too few for microseconds since 1970).
    private const string Helpers = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function now_us()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000000 + tonumber(t[2])
        end
        local function int(x)
          return string.format('%.0f', x)
        end
        """;

    private readonly string _text;

    /// <param name="name">A short name for error messages.</param>
    /// <param name="body">The script; its keys are <c>KEYS[1..n]</c>.</param>
    /// <param name="keyTypes">The Redis type of each key, in order (<c>string</c>, <c>hash</c>, <c>zset</c>).</param>
    public RedisScript(string name, string body, params string[] keyTypes)
    {
        Name = name;
        KeyCount = keyTypes.Length;
        var types = string.Join(", ", keyTypes.Select(static type => $"'{type}'"));
        _text = $$"""
            local expected = { {{types}} }
            for i = 1, #expected do
              local actual = redis.call('TYPE', KEYS[i])['ok']
              if actual ~= 'none' and actual ~= expected[i] then
                return redis.error_reply('WRONGTYPE key ' .. KEYS[i] .. ' holds a ' .. actual .. ', where Oicp.Client.Redis keeps a ' .. expected[i] .. ' (script {{name}}): delete it or choose another key prefix')
              end
            end
            {{Helpers}}
            {{body}}
            """;
    }

    public string Name { get; }

    public int KeyCount { get; }

    /// <summary>Runs the script. Redis errors surface as <see cref="RedisServerException"/>, an unreachable Redis as <see cref="RedisConnectionException"/> or <see cref="RedisTimeoutException"/>.</summary>
    public Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken)
    {
        if (keys.Length != KeyCount)
        {
            throw new ArgumentException($"The script {Name} takes {KeyCount} key(s), not {keys.Length}.", nameof(keys));
        }

        // Checked before sending: WaitAsync hands back a task that completed first (a fast Redis) without looking at the
        // token, so an already cancelled call would otherwise run the script and return normally.
        cancellationToken.ThrowIfCancellationRequested();
        return database.ScriptEvaluateAsync(_text, keys, values).WaitAsync(cancellationToken);
    }
}
