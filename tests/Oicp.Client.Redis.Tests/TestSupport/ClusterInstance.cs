using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Oicp.Client.Publishing;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// One backend instance of a cluster, registered as an application does (pusher, publisher, <c>UseRedis</c>) with a Redis
/// connection of its own, started like a host starts it. <see cref="KillAsync"/> ends it as a crash would: the connection
/// is cut, nothing is released.
/// </summary>
internal sealed class ClusterInstance : IAsyncDisposable
{
    /// <summary>Short enough for a test, long enough for a fullLoad of 10,000 records on a busy machine: 1.5 x (2 s + 0.5 s) is 3.75 s.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(4);

    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private ClusterInstance(string name, ServiceProvider provider, ConnectionMultiplexer connection)
    {
        Name = name;
        _provider = provider;
        Connection = connection;
        Publisher = provider.GetRequiredService<EvseStatusPublisher>();
        Logs = provider.GetFakeLogCollector();
        _hosted = provider.GetServices<IHostedService>().ToList();
        Publisher.PublishFailed += (_, e) => Failures.Add(e);
    }

    public string Name { get; }

    public ConnectionMultiplexer Connection { get; }

    public EvseStatusPublisher Publisher { get; }

    public RedisPublisherCoordinator Coordinator => (RedisPublisherCoordinator)Publisher.Coordinator;

    public FakeLogCollector Logs { get; }

    public ConcurrentBag<EvseStatusPublishFailedEventArgs> Failures { get; } = [];

    public bool IsHolder => !_stopped && Coordinator.IsHolder;

    /// <summary>Connects to <paramref name="redis"/> (reconnecting fast after a restart) and starts an instance sending to <paramref name="emulator"/>.</summary>
    public static async Task<ClusterInstance> StartAsync(
        string name,
        string redis,
        Uri emulator,
        OperatorId operatorId,
        IEvseStatusSnapshotSource? source = null,
        Action<OicpRedisOptions>? configure = null,
        Action<OicpClientOptions>? client = null,
        Action<EvseStatusPublisherOptions>? publisher = null)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.AsyncTimeout = 1000;
        options.SyncTimeout = 1000;
        options.ReconnectRetryPolicy = new LinearRetry(100);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Information));
        if (source is not null)
        {
            services.AddSingleton<IEvseStatusSnapshotSource>(source);
        }

        services.AddOicpEvseStatusPusher(o =>
            {
                o.OperatorId = operatorId.ToString();
                o.BaseAddress = emulator;
                o.RequestTimeout = TimeSpan.FromSeconds(2);
                client?.Invoke(o);
            })
            .AddEvseStatusPublisher(o =>
            {
                o.DailyFullLoadTime = null;
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                publisher?.Invoke(o);
            })
            .UseRedis(connection, o =>
            {
                o.LeaseTime = LeaseTime;
                o.LeaseMargin = TimeSpan.FromMilliseconds(500);
                configure?.Invoke(o);
            });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var instance = new ClusterInstance(name, provider, connection);
        foreach (var service in instance._hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return instance;
    }

    /// <summary>Waits until this instance has handed everything published on it to Redis.</summary>
    public Task FlushedAsync() => Eventually.TrueAsync(() => Coordinator.LocalWaiting == 0, TimeSpan.FromSeconds(15), $"{Name} hands its changes to Redis");

    /// <summary>A crash: the Redis connection is cut and the loop abandoned; the lease and the changes in flight stay in Redis.</summary>
    public async Task KillAsync()
    {
        _stopped = true;
        Connection.Dispose();
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await Publisher.StopAsync(now.Token);
        await _provider.DisposeAsync();
    }

    /// <summary>A clean shutdown through the host's hosted services.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        await Connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
