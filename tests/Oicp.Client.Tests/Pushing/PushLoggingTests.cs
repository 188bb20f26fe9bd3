using Microsoft.Extensions.Logging;
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
        using var logging = new TestLogging();
        var options = TestPushers.Options(o => o.ClientCertificatePassword = "pfx-secret");
        var pusher = new EvseStatusPusher(http, options, logging.Factory);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        var records = logging.Pusher;
        records.Should().Contain(r => r.Level == LogLevel.Debug && r.Message == "Pushing update of 1 EVSE status record(s) for operator DE*ABC");
        records.Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("code 603 'Unknown EVSE ID'", StringComparison.Ordinal));
        records.Should().NotContain(r => r.Message.Contains("pfx-secret", StringComparison.Ordinal) || r.Message.Contains("EvseStatusRecord", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_transport_failures_as_warnings()
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Throw(new HttpRequestException("Connection refused"));
        using var logging = new TestLogging();
        var pusher = new EvseStatusPusher(http, TestPushers.Options(), logging.Factory);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        logging.Pusher[^1].Level.Should().Be(LogLevel.Warning);
        logging.Pusher[^1].Message.Should().Contain("TransportFailure").And.Contain("Connection refused");
    }

    [Fact]
    public async Task Text_from_the_answer_is_logged_with_control_characters_escaped()
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent("""{ "Result": false, "StatusCode": { "Code": "022", "Description": "Data\nerror", "AdditionalInfo": "DE*ABC*E9\r\n2026-01-01 12:00:00 info: all pushes succeeded \u001b[2J\u2028" } }"""),
            };
            response.Headers.TryAddWithoutValidation("Process-ID", "p-1\u001b[31m");
            return response;
        });
        using var logging = new TestLogging();
        var pusher = new EvseStatusPusher(http, TestPushers.Options(), logging.Factory);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        var rejected = logging.Pusher[^1].Message;
        rejected.Should().Contain("'Data\\nerror'").And.Contain("DE*ABC*E9\\r\\n2026-01-01").And.Contain("\\u001B[2J\\u2028").And.Contain("p-1\\u001B[31m");
        logging.Pusher.Should().NotContain(record => record.Message.IndexOfAny(new[] { '\n', '\r', '\u001b', '\u2028' }) >= 0);
    }

    [Fact]
    public async Task An_error_page_is_logged_with_control_characters_escaped()
    {
        var http = new MockHttpMessageHandler();
        http.When("*").Respond(System.Net.HttpStatusCode.BadGateway, "text/html", "<html>\nupstream down\n\u001b]0;owned\u0007</html>");
        using var logging = new TestLogging();
        var pusher = new EvseStatusPusher(http, TestPushers.Options(), logging.Factory);

        await pusher.PushStatusAsync(EvseId.Parse("DE*ABC*E9"), EvseStatus.Occupied);

        var failed = logging.Pusher[^1].Message;
        failed.Should().Contain("upstream down\\n\\u001B]0;owned\\u0007");
        failed.IndexOfAny(new[] { '\n', '\u001b', '\u0007' }).Should().Be(-1);
    }
}
