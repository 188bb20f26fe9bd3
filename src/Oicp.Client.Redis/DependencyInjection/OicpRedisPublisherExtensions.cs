using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Oicp.Client;
using Oicp.Client.Publishing;
using Oicp.Client.DependencyInjection.Internal;
using Oicp.Client.Publishing.Internal;
using Oicp.Client.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Coordinates the publisher of an operator across several instances through Redis: every instance publishes, exactly one
/// sends, the rate limit and the daily fullLoad are the cluster's. Chain it after the publisher:
/// <c>services.AddOicpEvseStatusPusher(...).AddEvseStatusPublisher(...).UseRedis("redis:6379")</c>. See docs/scale-out.md.
/// </summary>
public static class OicpRedisPublisherExtensions
{
    /// <summary>Coordinates through the Redis at <paramref name="configuration"/>, connected at start-up.</summary>
    /// <param name="builder">The registration, with <c>AddEvseStatusPublisher</c> called.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, for example <c>redis1:6379,redis2:6379,ssl=true</c>.</param>
    /// <returns>The same registration.</returns>
    /// <exception cref="InvalidOperationException"><c>AddEvseStatusPublisher</c> was not called for this registration, or <c>UseRedis</c> already was.</exception>
    public static OicpClientBuilder UseRedis(this OicpClientBuilder builder, string configuration) =>
        UseRedis(builder, configuration, static _ => { });

    /// <summary>Coordinates through the Redis at <paramref name="configuration"/>, with options set in code.</summary>
    /// <param name="builder">The registration, with <c>AddEvseStatusPublisher</c> called.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same registration.</returns>
    /// <exception cref="InvalidOperationException"><c>AddEvseStatusPublisher</c> was not called for this registration, or <c>UseRedis</c> already was.</exception>
    public static OicpClientBuilder UseRedis(this OicpClientBuilder builder, string configuration, Action<OicpRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder, connection: null).Configure(options =>
        {
            options.Configuration = configuration;
            configure(options);
        });
        return builder;
    }

    /// <summary>Coordinates through an application's own Redis connection (shared with its cache or SignalR backplane); the application owns and disposes it.</summary>
    /// <param name="builder">The registration, with <c>AddEvseStatusPublisher</c> called.</param>
    /// <param name="connection">The connection.</param>
    /// <returns>The same registration.</returns>
    /// <exception cref="InvalidOperationException"><c>AddEvseStatusPublisher</c> was not called for this registration, or <c>UseRedis</c> already was.</exception>
    public static OicpClientBuilder UseRedis(this OicpClientBuilder builder, IConnectionMultiplexer connection) =>
        UseRedis(builder, connection, static _ => { });

    /// <summary>Coordinates through an application's own Redis connection, with options set in code (<see cref="OicpRedisOptions.Configuration"/> is not used).</summary>
    /// <param name="builder">The registration, with <c>AddEvseStatusPublisher</c> called.</param>
    /// <param name="connection">The connection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same registration.</returns>
    /// <exception cref="InvalidOperationException"><c>AddEvseStatusPublisher</c> was not called for this registration, or <c>UseRedis</c> already was.</exception>
    public static OicpClientBuilder UseRedis(this OicpClientBuilder builder, IConnectionMultiplexer connection, Action<OicpRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder, connection).Configure(configure);
        return builder;
    }

    /// <summary>Coordinates through Redis with the options bound from a configuration section, for example <c>configuration.GetSection("Oicp:Redis")</c> (keys <c>Configuration</c>, <c>KeyPrefix</c>, <c>LeaseTime</c>, ...).</summary>
    /// <param name="builder">The registration, with <c>AddEvseStatusPublisher</c> called.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The same registration.</returns>
    /// <exception cref="InvalidOperationException"><c>AddEvseStatusPublisher</c> was not called for this registration, or <c>UseRedis</c> already was.</exception>
    public static OicpClientBuilder UseRedis(this OicpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Register(builder, connection: null);
        ConfigurationBinding.Bind<OicpRedisOptions>(builder.Services, builder.OptionsName, configuration, static (section, options) => section.Bind(options));
        return builder;
    }

    private static OptionsBuilder<OicpRedisOptions> Register(OicpClientBuilder builder, IConnectionMultiplexer? connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var key = builder.ServiceKey;
        var name = builder.OptionsName;
        var registration = key is null ? "the default registration" : $"'{key}'";
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(EvseStatusPublisher) && Equals(descriptor.ServiceKey, key)))
        {
            throw new InvalidOperationException($"UseRedis coordinates the publisher: call AddEvseStatusPublisher for {registration} first.");
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(PublisherCoordinatorFactory) && Equals(descriptor.ServiceKey, key)))
        {
            throw new InvalidOperationException($"UseRedis was already called for {registration}.");
        }

        services.AddSingleton<IValidateOptions<OicpRedisOptions>>(sp => new NamedValidator(name, new OicpRedisOptionsValidator(sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>(), connection is not null)));
        services.AddKeyedSingleton(key, (sp, _) => new RedisConnectionHolder(connection));
        services.AddKeyedSingleton<PublisherCoordinatorFactory>(key, (sp, _) => (backlog, publisherOptions) =>
        {
            var client = sp.GetRequiredService<IOptionsMonitor<OicpClientOptions>>().Get(name);
            var options = sp.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(name);
            var logger = (ILogger?)sp.GetService<ILogger<RedisPublisherCoordinator>>() ?? NullLogger.Instance;
            var operatorId = OperatorId.Parse(client.OperatorId ?? string.Empty);
            var keys = new RedisKeys(operatorId, options.KeyPrefix);
            var settings = new RedisCoordinatorSettings(
                options.LeaseTime,
                client.RequestTimeout,
                options.LeaseMargin,
                client.RateLimit.PermitLimit,
                client.RateLimit.Window,
                options.DailyFullLoadFromRedis,
                sp.GetKeyedService<IEvseStatusSnapshotSource>(key) is not null,
                publisherOptions.FullLoadOnStart);
            var multiplexer = sp.GetRequiredKeyedService<RedisConnectionHolder>(key).Get(options, operatorId, logger);
            return new RedisPublisherCoordinator(backlog, multiplexer, keys, settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, logger, sp.GetService<IMeterFactory>());
        });
        return services.AddOptions<OicpRedisOptions>(name).ValidateOnStart();
    }

    /// <summary>Validates only the options of its own registration.</summary>
    private sealed class NamedValidator(string name, OicpRedisOptionsValidator inner) : IValidateOptions<OicpRedisOptions>
    {
        public ValidateOptionsResult Validate(string? optionsName, OicpRedisOptions options) =>
            optionsName == name ? inner.Validate(optionsName, options) : ValidateOptionsResult.Skip;
    }
}
