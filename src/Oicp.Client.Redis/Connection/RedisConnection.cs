using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// Reads the Redis configuration string and connects at start-up, failing with a message that names the
/// setting (<see cref="RedisSettingNames.Configuration"/>) and the rule, instead of a first publish that never
/// reaches Redis. Messages quote endpoints and option names only, never the whole string: it may hold a password.
/// </summary>
internal static class RedisConnection
{
    private const string Example = "expected a StackExchange.Redis configuration string such as 'redis1:6379,redis2:6379,password=...,ssl=true'";

    /// <summary>Checks a configuration string; returns <see langword="null"/> when it is usable, or what is wrong with it.</summary>
    public static string? Validate(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return $"{RedisSettingNames.Configuration} is empty: {Example}.";
        }

        // StackExchange.Redis silently drops an endpoint it cannot read ('host:notaport'), so check each one here.
        var endpoints = 0;
        foreach (var part in configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (!IsEndpoint(part))
            {
                return $"{RedisSettingNames.Configuration}: '{part}' is not an endpoint (host or host:port, port 1 to 65535; no URL scheme): {Example}.";
            }

            endpoints++;
        }

        if (endpoints == 0)
        {
            return $"{RedisSettingNames.Configuration} names no endpoint: {Example}.";
        }

        try
        {
            ConfigurationOptions.Parse(configuration);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{RedisSettingNames.Configuration} is malformed: {ex.Message} ({Example}).";
        }
    }

    /// <summary>Parses a configuration string that <see cref="Validate"/> accepts.</summary>
    /// <exception cref="ArgumentException">The string is empty, names no endpoint, or has a malformed endpoint or option.</exception>
    public static ConfigurationOptions Parse(string? configuration) => Validate(configuration) is { } error
        ? throw new ArgumentException(error, nameof(configuration))
        : ConfigurationOptions.Parse(configuration!);

    /// <summary>
    /// Connects, failing when no endpoint answers: at start-up an unreachable Redis is a configuration error.
    /// Once connected, the multiplexer reconnects by itself when Redis goes away and comes back.
    /// </summary>
    /// <exception cref="ArgumentException">The configuration string is malformed.</exception>
    /// <exception cref="InvalidOperationException">No Redis answered at the configured endpoints.</exception>
    public static async Task<IConnectionMultiplexer> ConnectAsync(string? configuration, CancellationToken cancellationToken = default)
    {
        var options = Parse(configuration);
        options.AbortOnConnectFail = true;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            throw Unreachable(options, ex);
        }
    }

    /// <summary>
    /// Connects at start-up, blocking like the host's start; an unreachable Redis fails with an error naming the setting,
    /// or, with <paramref name="localOnlyWhenUnavailable"/>, gives a connection that keeps trying in the background (a warning is logged).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration string is malformed.</exception>
    /// <exception cref="InvalidOperationException">No Redis answered and local-only start is not allowed.</exception>
    public static IConnectionMultiplexer Connect(string? configuration, bool localOnlyWhenUnavailable, OperatorId operatorId, ILogger logger)
    {
        var options = Parse(configuration);
        options.AbortOnConnectFail = true;
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException ex) when (localOnlyWhenUnavailable)
        {
            RedisLog.StartingLocalOnly(logger, ex, RedisSettingNames.Configuration, string.Join(", ", options.EndPoints), operatorId.ToString());
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException ex)
        {
            throw Unreachable(options, ex);
        }
    }

    private static InvalidOperationException Unreachable(ConfigurationOptions options, RedisConnectionException ex) => new(
        $"{RedisSettingNames.Configuration}: no Redis answered at {string.Join(", ", options.EndPoints)} at start-up ({ex.Message}) Check the setting, and that Redis runs and accepts connections from this host " +
        "(or set Oicp:Redis:StartLocalOnlyWhenUnavailable to start without it).",
        ex);

    private static bool IsEndpoint(string value)
    {
        if (value.StartsWith('[') || value.Count(static c => c == ':') > 1)
        {
            // IPv6, with or without a port.
            return IPEndPoint.TryParse(value, out _);
        }

        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? value : value[..colon];
        if (colon >= 0 && !(int.TryParse(value.AsSpan(colon + 1), out var port) && port is >= 1 and <= 65535))
        {
            return false;
        }

        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
