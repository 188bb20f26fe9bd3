using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oicp.Client.Redis.Tests.TestSupport;

namespace Oicp.Client.Redis.Tests.DependencyInjection;

/// <summary>How <c>UseRedis</c> is registered and how its settings are checked at start-up, before anything is sent.</summary>
public sealed class UseRedisRegistrationTests
{
    [Fact]
    public void UseRedis_before_AddEvseStatusPublisher_says_to_register_the_publisher_first()
    {
        var services = new ServiceCollection();
        var client = services.AddOicpEvseStatusPusher(Client);

        var act = () => client.UseRedis("127.0.0.1:6379");

        act.Should().Throw<InvalidOperationException>().WithMessage("*call AddEvseStatusPublisher for the default registration first*");
    }

    [Fact]
    public void UseRedis_twice_for_one_registration_is_refused()
    {
        var services = new ServiceCollection();
        var client = services.AddOicpEvseStatusPusher(Client).AddEvseStatusPublisher().UseRedis("127.0.0.1:6379");

        var act = () => client.UseRedis("127.0.0.1:6380");

        act.Should().Throw<InvalidOperationException>().WithMessage("UseRedis was already called for the default registration.");
    }

    [Theory]
    [InlineData("", "Oicp:Redis:Configuration is empty*")]
    [InlineData("redis:notaport", "Oicp:Redis:Configuration: 'redis:notaport' is not an endpoint*")]
    [InlineData("http://redis:6379", "Oicp:Redis:Configuration: 'http://redis:6379' is not an endpoint*")]
    public void A_wrong_connection_string_fails_at_start_naming_the_setting(string configuration, string message)
    {
        using var provider = Build(client => client.UseRedis(configuration));

        var act = () => provider.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(Options.DefaultName);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainMatch(message);
    }

    [Fact]
    public void A_lease_too_short_for_the_request_timeout_fails_at_start_naming_both_settings()
    {
        using var provider = Build(client => client.UseRedis("127.0.0.1:6379", o => o.LeaseTime = TimeSpan.FromSeconds(10)));

        var act = () => provider.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(Options.DefaultName);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Oicp:Redis:LeaseTime (00:00:10) must be at least 1.5 x (RequestTimeout 00:00:30 + Oicp:Redis:LeaseMargin 00:00:02) = 00:00:48");
    }

    [Fact]
    public void A_key_prefix_with_a_brace_fails_at_start_naming_the_setting()
    {
        using var provider = Build(client => client.UseRedis("127.0.0.1:6379", o => o.KeyPrefix = "oicp{x}:"));

        var act = () => provider.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(Options.DefaultName);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith("Oicp:Redis:KeyPrefix 'oicp{x}:' must be set and must not contain");
    }

    [Fact]
    public void The_configuration_overload_binds_every_setting_of_the_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oicp:Redis:Configuration"] = "redis1:6379,redis2:6379",
            ["Oicp:Redis:KeyPrefix"] = "tenant-a:",
            ["Oicp:Redis:LeaseTime"] = "00:02:00",
            ["Oicp:Redis:LeaseMargin"] = "00:00:05",
            ["Oicp:Redis:DailyFullLoadFromRedis"] = "true",
            ["Oicp:Redis:StartLocalOnlyWhenUnavailable"] = "true",
        }).Build();
        using var provider = Build(client => client.UseRedis(configuration.GetSection("Oicp:Redis")));

        var options = provider.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(Options.DefaultName);

        options.Should().BeEquivalentTo(new OicpRedisOptions
        {
            Configuration = "redis1:6379,redis2:6379",
            KeyPrefix = "tenant-a:",
            LeaseTime = TimeSpan.FromMinutes(2),
            LeaseMargin = TimeSpan.FromSeconds(5),
            DailyFullLoadFromRedis = true,
            StartLocalOnlyWhenUnavailable = true,
        });
    }

    [Fact]
    public void A_value_that_is_not_a_time_fails_at_start_naming_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:A:Redis:Configuration"] = "127.0.0.1:6379",
            ["Tenants:A:Redis:LeaseTime"] = "two minutes",
        }).Build();
        using var provider = Build(client => client.UseRedis(configuration.GetSection("Tenants:A:Redis")));

        var act = () => provider.GetRequiredService<IOptionsMonitor<OicpRedisOptions>>().Get(Options.DefaultName);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Contain("'Tenants:A:Redis:LeaseTime'").And.Contain("TimeSpan").And.NotContain("Oicp:Redis", "the section has another name");
    }

    [Fact]
    public async Task A_Redis_unreachable_at_start_fails_with_an_error_naming_the_setting()
    {
        var port = RedisServer.FreePort();
        await using var provider = Build(client => client.UseRedis($"127.0.0.1:{port},connectTimeout=500"));

        var act = () => provider.GetRequiredService<Oicp.Client.Publishing.EvseStatusPublisher>();

        act.Should().Throw<InvalidOperationException>().WithMessage($"Oicp:Redis:Configuration: no Redis answered at 127.0.0.1:{port} at start-up*Oicp:Redis:StartLocalOnlyWhenUnavailable*");
    }

    private static void Client(OicpClientOptions options)
    {
        options.OperatorId = "DE*ABC";
        options.BaseAddress = new Uri("http://127.0.0.1:9/api/oicp/");
    }

    private static ServiceProvider Build(Action<OicpClientBuilder> useRedis)
    {
        var services = new ServiceCollection();
        useRedis(services.AddOicpEvseStatusPusher(Client).AddEvseStatusPublisher());
        return services.BuildServiceProvider();
    }
}
