using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oicp.Client.Publishing;
using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.Coordination;

/// <summary>With <c>StartLocalOnlyWhenUnavailable</c>, an instance starts without Redis, keeps what is published, and sends it once Redis is there.</summary>
public sealed class LocalOnlyStartTests
{
    private static readonly OperatorId Operator = OperatorId.Parse("DE*LOC");

    [Fact]
    public async Task An_unreachable_Redis_at_start_gives_a_warning_naming_the_setting_and_the_changes_flow_once_it_answers()
    {
        var evses = Enumerable.Range(1, 20).Select(n => EvseId.Parse($"{Operator}*E{n}")).ToArray();
        var truth = new TruthSource();
        foreach (var evse in evses)
        {
            truth.Statuses[evse] = EvseStatus.Available;
        }

        await using var hubject = await HubjectEmulator.StartAsync(Operator, TimeSpan.FromMilliseconds(10), evses);
        var port = RedisServer.FreePort();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddSingleton<IEvseStatusSnapshotSource>(truth);
        services.AddOicpEvseStatusPusher(o =>
            {
                o.OperatorId = Operator.ToString();
                o.BaseAddress = hubject.BaseAddress;
                o.RequestTimeout = TimeSpan.FromSeconds(2);
            })
            .AddEvseStatusPublisher(o => o.DailyFullLoadTime = null)
            .UseRedis($"127.0.0.1:{port},connectTimeout=500", o =>
            {
                o.LeaseTime = ClusterInstance.LeaseTime;
                o.LeaseMargin = TimeSpan.FromMilliseconds(500);
                o.StartLocalOnlyWhenUnavailable = true;
            });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        RedisServer? redis = null;
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var publisher = provider.GetRequiredService<EvseStatusPublisher>();
            foreach (var evse in evses.Take(5))
            {
                truth.Statuses[evse] = EvseStatus.Occupied;
                publisher.Publish(evse, EvseStatus.Occupied);
            }

            var warning = provider.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(static r => r.Id.Id == 210).Which;
            warning.Level.Should().Be(LogLevel.Warning);
            warning.Message.Should().Contain($"Oicp:Redis:Configuration: 127.0.0.1:{port}").And.Contain("starting local-only");
            publisher.PendingCount.Should().Be(5, "the changes wait in memory");
            hubject.Emulator.Statistics.TotalRequests.Should().Be(0);

            redis = await RedisServer.StartAsync(port: port);
            await Eventually.TrueAsync(() => hubject.AgreesWith(truth), TimeSpan.FromSeconds(30), "the changes kept in memory reach Hubject once Redis answers");
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }
}
