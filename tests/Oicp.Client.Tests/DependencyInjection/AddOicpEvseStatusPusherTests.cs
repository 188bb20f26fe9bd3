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
                "ClientCertificatePath": "/nowhere/cert.pem", "ClientCertificatePassword": "secret", "ClientCertificateKeyPath": "/nowhere/key.pem",
                "ServerCertificateTrustRootsPath": "/nowhere/ca.pem",
                "RequestTimeout": "00:00:12", "StatusChangeActionType": "insert", "PercentEncodeOperatorIdInPath": "true",
                "MaxResponseBytes": "65536",
                "Retry": { "MaxAttempts": "6", "BaseDelay": "00:00:02", "MaxDelay": "00:00:40", "TotalBudget": "00:03:00", "UseJitter": "false" },
                "RateLimit": { "PermitLimit": "1500", "Window": "00:00:30" } } }
            """);
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();

        // Applied by hand: the validator would (rightly) refuse the made-up certificate paths.
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
        options.ClientCertificatePath.Should().Be("/nowhere/cert.pem");
        options.ClientCertificatePassword.Should().Be("secret");
        options.ClientCertificateKeyPath.Should().Be("/nowhere/key.pem");
        options.ServerCertificateTrustRootsPath.Should().Be("/nowhere/ca.pem");
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(12));
        options.StatusChangeActionType.Should().Be(ActionType.Insert);
        options.PercentEncodeOperatorIdInPath.Should().BeTrue();
        options.MaxResponseBytes.Should().Be(65536);
        options.Retry.MaxAttempts.Should().Be(6);
        options.Retry.BaseDelay.Should().Be(TimeSpan.FromSeconds(2));
        options.Retry.MaxDelay.Should().Be(TimeSpan.FromSeconds(40));
        options.Retry.TotalBudget.Should().Be(TimeSpan.FromMinutes(3));
        options.Retry.UseJitter.Should().BeFalse();
        options.RateLimit.PermitLimit.Should().Be(1500);
        options.RateLimit.Window.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_README_documents_every_configuration_key_and_no_other()
    {
        // Every settable option is a configuration key; the README's list of keys is the one users read.
        static IEnumerable<string> Keys(Type type, string prefix) => type.GetProperties()
            .Where(property => property.GetMethod!.IsPublic && !property.GetMethod.IsStatic)
            .SelectMany(property => property.PropertyType == typeof(OicpRetryOptions) || property.PropertyType == typeof(OicpRateLimitOptions)
                ? Keys(property.PropertyType, prefix + property.Name + ":")
                : [prefix + property.Name]);
        var readme = Repository.ReadAllText("README.md");
        var start = readme.IndexOf("configuration.GetSection(\"Oicp\"))` with the", StringComparison.Ordinal);
        var end = readme.IndexOf("a test binds every one of them", start, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the README introduces the configuration keys after the Quick start");
        end.Should().BeGreaterThan(start, "the README ends the list of keys by saying a test checks it");
        var documented = readme[start..end];

        foreach (var key in Keys(typeof(OicpClientOptions), string.Empty))
        {
            var name = key.Contains(':', StringComparison.Ordinal) ? key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..] : key;
            documented.Should().Contain(name, $"the README lists the configuration key {key}");
        }
    }

    [Fact]
    public void Unparsable_configuration_values_name_their_key()
    {
        var configuration = Configuration("""{ "Oicp": { "OperatorId": "DE*ABC", "RequestTimeout": "soon" } }""");
        var services = new ServiceCollection();
        services.AddOicpEvseStatusPusher(configuration.GetSection("Oicp"));
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<OicpClientOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*'soon' at 'Oicp:RequestTimeout'*TimeSpan*");
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
