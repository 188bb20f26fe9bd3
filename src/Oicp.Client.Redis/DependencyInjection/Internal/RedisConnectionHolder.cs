using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The connection of one registration: the application's own (never disposed here), or one connected from
/// <see cref="OicpRedisOptions.Configuration"/> when the publisher is built at start-up and disposed with the container.
/// </summary>
internal sealed class RedisConnectionHolder(IConnectionMultiplexer? given) : IDisposable
{
    private IConnectionMultiplexer? _owned;

    public IConnectionMultiplexer Get(OicpRedisOptions options, OperatorId operatorId, ILogger logger) =>
        given ?? (_owned ??= RedisConnection.Connect(options.Configuration, options.StartLocalOnlyWhenUnavailable, operatorId, logger));

    public void Dispose() => _owned?.Dispose();
}
