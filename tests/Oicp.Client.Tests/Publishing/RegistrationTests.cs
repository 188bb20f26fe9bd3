using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Publishing;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Publishing;

public sealed class RegistrationTests
{
    private static ServiceProvider Build(Action<EvseStatusPublisherOptions> configure)
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Respond("application/json", TestPushers.SuccessAck);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        var oicp = services.AddOicpEvseStatusPusher(o => { o.OperatorId = "DE*ABC"; o.BaseAddress = new Uri(TestPushers.BaseAddress); });
        oicp.ConfigurePrimaryHttpMessageHandler(() => http);
        oicp.AddEvseStatusPublisher(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddEvseStatusPublisher_chains_to_the_SDK_and_registers_the_publisher_and_its_hosted_service()
    {
        await using var provider = Build(o => o.MaxRecordsPerBundle = 7);

        var publisher = provider.GetRequiredService<IEvseStatusPublisher>();
        publisher.Should().BeSameAs(provider.GetRequiredService<EvseStatusPublisher>());
        provider.GetServices<IHostedService>().Should().ContainSingle(service => service.GetType().Name == "EvseStatusPublisherHostedService");
        provider.GetRequiredService<IOptions<EvseStatusPublisherOptions>>().Value.MaxRecordsPerBundle.Should().Be(7);
    }

    [Fact]
    public async Task A_started_publisher_resolved_as_class_and_interface_survives_the_container_disposing_it_twice()
    {
        var provider = Build(o => { });
        var publisher = provider.GetRequiredService<IEvseStatusPublisher>();
        var hosted = provider.GetServices<IHostedService>().Single(service => service.GetType().Name == "EvseStatusPublisherHostedService");
        await hosted.StartAsync(CancellationToken.None);
        await hosted.StopAsync(CancellationToken.None);

        var dispose = async () => await provider.DisposeAsync();

        await dispose.Should().NotThrowAsync();
        publisher.PendingCount.Should().Be(0);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_rule_they_break()
    {
        using var provider = Build(o => o.FullLoadTimeZoneId = "Mars/Olympus");

        var act = () => provider.GetRequiredService<IOptions<EvseStatusPublisherOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Mars/Olympus*");
    }
}
