using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

public sealed class PushLoggingTests
{
    [Fact]
    public async Task Logs_the_push_and_its_outcome_without_bodies_or_secrets()
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Respond("application/json", """{ "Result": false, "StatusCode": { "Code": "603", "Description": "Unknown EVSE ID", "AdditionalInfo": "DE*ABC*E9" } }""");
        var logger = new FakeLogger<EvseStatusPusher>();
        var options = TestPushers.Options(o => o.ClientCertificatePassword = "pfx-secret");
        var pusher = new EvseStatusPusher(http.ToHttpClient(), options, logger);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        var records = logger.Collector.GetSnapshot();
        records.Should().Contain(r => r.Level == LogLevel.Debug && r.Message == "Pushing update of 1 EVSE status record(s) for operator DE*ABC");
        records.Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("code 603 'Unknown EVSE ID'", StringComparison.Ordinal));
        records.Should().NotContain(r => r.Message.Contains("pfx-secret", StringComparison.Ordinal) || r.Message.Contains("EvseStatusRecord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_transport_failures_as_warnings()
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Throw(new HttpRequestException("Connection refused"));
        var logger = new FakeLogger<EvseStatusPusher>();
        var pusher = new EvseStatusPusher(http.ToHttpClient(), TestPushers.Options(), logger);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        logger.Collector.LatestRecord.Level.Should().Be(LogLevel.Warning);
        logger.Collector.LatestRecord.Message.Should().Contain("TransportFailure").And.Contain("Connection refused");
    }
}
