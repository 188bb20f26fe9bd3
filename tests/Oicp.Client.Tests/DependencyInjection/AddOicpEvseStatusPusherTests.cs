using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.DependencyInjection;

public sealed class AddOicpEvseStatusPusherTests
{
    [Fact]
    public async Task Resolves_one_pusher_that_sends_through_the_chained_handler()
    {
        var http = new MockHttpMessageHandler();
        var request = http.When(HttpMethod.Post, TestPushers.StatusUrl).Respond("application/json", TestPushers.SuccessAck);
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(options =>
            {
                options.OperatorId = "DE*ABC";
                options.BaseAddress = new Uri(TestPushers.BaseAddress);
            })
            .ConfigurePrimaryHttpMessageHandler(() => http);
        await using var provider = services.BuildServiceProvider();

        var pusher = provider.GetRequiredService<IEvseStatusPusher>();
        var result = await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E1"), EvseStatus.Available);

        result.IsSuccess.Should().BeTrue();
        http.GetMatchCount(request).Should().Be(1);
        provider.GetRequiredService<IEvseStatusPusher>().Should().BeSameAs(pusher, "one sequential queue per operator");
        pusher.OperatorId.Should().Be(OperatorId.Parse("DE*ABC"));
    }

    [Fact]
    public void Binds_every_option_from_a_configuration_section()
    {
        var configuration = Configuration("""
            { "Oicp": {
                "Environment": "production", "BaseAddress": "https://proxy.example/api/oicp",
                "OperatorId": "DE*ABC", "OperatorName": "ABC", "SubOperatorIds": [ "DE*SB1", "DE*SB2" ],
                "RequestTimeout": "00:00:12", "StatusChangeActionType": "insert", "PercentEncodeOperatorIdInPath": "true",
                "ClientCertificatePath": "/nowhere/cert.pfx", "ClientCertificatePassword": "secret" } }
            """);
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();

        // Applied by hand: the validator would (rightly) refuse the made-up certificate path.
        var options = new OicpClientOptions();
        foreach (var configure in provider.GetServices<IConfigureOptions<OicpClientOptions>>())
        {
            configure.Configure(options);
        }

        options.Environment.Should().Be(OicpEnvironment.Production);
        options.BaseAddress.Should().Be(new Uri("https://proxy.example/api/oicp"));
        options.OperatorId.Should().Be("DE*ABC");
        options.OperatorName.Should().Be("ABC");
        options.SubOperatorIds.Should().Equal("DE*SB1", "DE*SB2");
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(12));
        options.StatusChangeActionType.Should().Be(ActionType.Insert);
        options.PercentEncodeOperatorIdInPath.Should().BeTrue();
        options.ClientCertificatePath.Should().Be("/nowhere/cert.pfx");
        options.ClientCertificatePassword.Should().Be("secret");
    }

    [Fact]
    public void Unparsable_configuration_values_name_their_key()
    {
        var configuration = Configuration("""{ "Oicp": { "OperatorId": "DE*ABC", "RequestTimeout": "soon" } }""");
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<OicpClientOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*RequestTimeout 'soon'*");
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOicpEvseStatusPusher(options => options.OperatorId = "DE*ABCDE");
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("OperatorId 'DE*ABCDE' is invalid");
    }

    private static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
