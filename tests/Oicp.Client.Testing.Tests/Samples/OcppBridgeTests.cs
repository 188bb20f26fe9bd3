using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Samples.OcppBridge;

namespace Oicp.Client.Testing.Tests.Samples;

public sealed class OcppBridgeTests
{
    [Fact]
    public async Task A_short_run_ends_with_the_emulator_agreeing_with_the_fleet_shows_the_health_checks_and_exits_0()
    {
        using var output = new StringWriter();

        var exitCode = await OcppBridgeApp.RunAsync(["--duration", "3", "--charge-points", "40"], output);

        var text = output.ToString();
        exitCode.Should().Be(0, text);
        text.Should().Contain("listening at http://127.0.0.1:")
            .And.Contain("] running ")
            .And.Contain("0 overlapping, 0 rate-limited (429)")
            .And.Contain("OK: Hubject's view and the fleet agree for all 80 EVSEs.");
        text.Should().NotContain("\u001b[", "a redirected output gets one line per tick, no cursor movement");

        // The OICP health checks: a summary in every line of the live view, one line per check in the report.
        text.Should().MatchRegex(@"\] running .*\| health oicp-certificate Healthy, oicp-publisher \w+, oicp-fullload Healthy");
        var report = text[text.LastIndexOf("Health checks:", StringComparison.Ordinal)..];
        report.Should().MatchRegex(@"(?m)^  oicp-certificate +Healthy +No client certificate is configured \(QA, an emulator or a proxy\)")
            .And.MatchRegex(@"(?m)^  oicp-publisher +Healthy +Publishing keeps up: nothing waiting, last success ")
            .And.MatchRegex(@"(?m)^  oicp-fullload +Healthy +The last fullLoad was acknowledged ");
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_SDK_metrics_and_traces_reach_the_collector()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<(string Path, byte[] Body)>();
        await using var collector = await KestrelStub.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path.Value!, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        var endpoint = new Uri(collector.BaseAddress, "/otel").ToString();
        using var output = new StringWriter();

        var exitCode = await OcppBridgeApp.RunAsync(["--duration", "2", "--charge-points", "10", "--otlp-endpoint", endpoint], output);

        exitCode.Should().Be(0, output.ToString());
        // OTLP/HTTP protobuf carries names as UTF-8 strings: the SDK's instruments and spans are in the exports.
        string Exported(string path) => string.Join("\n", received.Where(r => r.Path == path).Select(r => System.Text.Encoding.UTF8.GetString(r.Body)));
        var metrics = Exported("/otel/v1/metrics");
        metrics.Should().Contain(OicpTelemetry.MeterName)
            .And.Contain("oicp.push.requests")
            .And.Contain("oicp.push.duration")
            .And.Contain("oicp.publisher.pushes")
            .And.Contain("oicp.publisher.staleness")
            .And.Contain("Oicp.Samples.OcppBridge", "the service name is set");
        var traces = Exported("/otel/v1/traces");
        traces.Should().Contain(OicpTelemetry.ActivitySourceName)
            .And.Contain("oicp.push")
            .And.Contain("oicp.publisher.push");
    }

    [Fact]
    public async Task Help_describes_the_options_and_exits_0()
    {
        using var output = new StringWriter();

        var exitCode = await OcppBridgeApp.RunAsync(["--help"], output);

        exitCode.Should().Be(0);
        output.ToString().Should().Contain("--duration SECONDS").And.Contain("--charge-points N").And.Contain("--otlp-endpoint URL");
    }

    [Theory]
    [InlineData("--duration", "0")]
    [InlineData("--charge-points", "many")]
    [InlineData("--bogus", "1")]
    [InlineData("--seed")]
    [InlineData("--otlp-endpoint", "localhost:4318")]
    [InlineData("--otlp-endpoint", "ftp://127.0.0.1/")]
    public async Task Invalid_arguments_exit_2_with_a_reason(params string[] args)
    {
        using var output = new StringWriter();

        var exitCode = await OcppBridgeApp.RunAsync(args, output);

        exitCode.Should().Be(2);
        output.ToString().Should().StartWith("error: ");
    }
}
