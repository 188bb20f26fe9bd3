using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.HealthChecks;
using Oicp.Client.Publishing;
using Oicp.Client.Tests.Publishing;

namespace Oicp.Client.Tests.HealthChecks;

/// <summary>
/// <c>services.AddHealthChecks().AddOicpHealthChecks()</c>: which checks are added for which registrations, in any
/// order, once, and run through <see cref="HealthCheckService"/>.
/// </summary>
public sealed class AddOicpHealthChecksTests
{
    private static void AddPusher(IServiceCollection services) =>
        services.AddOicpEvseStatusPusher(o => { o.OperatorId = "DE*ABC"; o.BaseAddress = new Uri("https://oicp.test/api/oicp/"); });

    private static void AddPublisher(IServiceCollection services)
    {
        services.AddSingleton<IEvseStatusPusher>(new HubjectStoreFake(new FakeTimeProvider()));
        services.AddOicpEvseStatusPusher(o => { o.OperatorId = "DE*ABC"; o.BaseAddress = new Uri("https://oicp.test/api/oicp/"); })
            .AddEvseStatusPublisher();
    }

    private static void AddSnapshotSource(IServiceCollection services) =>
        services.AddSingleton<IEvseStatusSnapshotSource>(new DictionarySnapshotSource(new Dictionary<EvseId, EvseStatus>()));

    private static async Task<HealthReport> RunAsync(IServiceCollection services)
    {
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    [Fact]
    public async Task With_the_pusher_the_publisher_and_a_snapshot_source_all_three_checks_run_tagged_oicp()
    {
        var services = new ServiceCollection();
        AddSnapshotSource(services);
        AddPublisher(services);
        services.AddHealthChecks().AddOicpHealthChecks();

        var report = await RunAsync(services);

        report.Entries.Keys.Should().BeEquivalentTo(OicpHealthCheckNames.Certificate, OicpHealthCheckNames.Publisher, OicpHealthCheckNames.FullLoad);
        report.Entries.Values.Should().AllSatisfy(entry =>
        {
            entry.Tags.Should().Equal("oicp");
            entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
            entry.Description.Should().NotBeNullOrWhiteSpace();
        });
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_checks_may_be_added_before_the_SDK_is_registered()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddOicpHealthChecks();
        AddPublisher(services);
        AddSnapshotSource(services);

        var report = await RunAsync(services);

        report.Entries.Should().HaveCount(3);
    }

    [Fact]
    public async Task Without_a_publisher_only_the_certificate_is_checked()
    {
        var services = new ServiceCollection();
        AddPusher(services);
        AddSnapshotSource(services);
        services.AddHealthChecks().AddOicpHealthChecks();

        var report = await RunAsync(services);

        report.Entries.Keys.Should().Equal(OicpHealthCheckNames.Certificate);
    }

    [Fact]
    public async Task Without_a_snapshot_source_there_is_no_fullLoad_check()
    {
        var services = new ServiceCollection();
        AddPublisher(services);
        services.AddHealthChecks().AddOicpHealthChecks();

        var report = await RunAsync(services);

        report.Entries.Keys.Should().BeEquivalentTo(OicpHealthCheckNames.Certificate, OicpHealthCheckNames.Publisher);
    }

    [Fact]
    public async Task Without_the_SDK_no_check_is_added_and_the_application_checks_stay()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Healthy()).AddOicpHealthChecks();

        var report = await RunAsync(services);

        report.Entries.Keys.Should().Equal("database");
    }

    [Fact]
    public async Task Adding_them_twice_adds_each_check_once_and_applies_both_settings()
    {
        var services = new ServiceCollection();
        AddPublisher(services);
        services.AddHealthChecks()
            .AddOicpHealthChecks(o => o.MaxFullLoadAge = TimeSpan.FromHours(30))
            .AddOicpHealthChecks(o => o.MaxOldestPendingAge = TimeSpan.FromSeconds(10));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var options = provider.GetRequiredService<IOptions<OicpHealthCheckOptions>>().Value;

        report.Entries.Should().HaveCount(2);
        options.MaxFullLoadAge.Should().Be(TimeSpan.FromHours(30));
        options.MaxOldestPendingAge.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_tag_filter_selects_the_OICP_checks()
    {
        var services = new ServiceCollection();
        AddPusher(services);
        services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy()).AddOicpHealthChecks();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(OicpHealthCheckNames.Tag));

        report.Entries.Keys.Should().Equal(OicpHealthCheckNames.Certificate);
        report.Status.Should().Be(HealthStatus.Healthy);
    }
}
