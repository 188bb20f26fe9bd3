using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Emulation;

/// <summary><c>oicp emulator</c> in process: prints its URL, logs each request in one line, stops when cancelled (Ctrl+C).</summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task It_prints_its_URL_logs_each_request_and_stops_on_cancellation()
    {
        var clock = new TimerSignalingClock(EmulatorCommand.LogInterval);
        var output = new ObservedWriter();
        using var stop = new CancellationTokenSource();
        var run = ToolRunner.RunAsync(["emulator", "--operator", "DE*ABC"], clock: clock, output: output, cancellationToken: stop.Token);
        var url = Url(await output.WaitForLineAsync("listening at"));
        await clock.WaitForTimerAsync();

        var push = await ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", "--action", "insert", "--base-address", url, "--operator-id", "DE*ABC"]);
        clock.Advance(EmulatorCommand.LogInterval);
        var logged = await output.WaitForLineAsync("#1 ");
        await stop.CancelAsync();
        var result = await run;

        push.ExitCode.Should().Be(0, push.ToString());
        url.Should().StartWith("http://127.0.0.1:").And.EndWith("/api/oicp/");
        logged.Should().Contain("/api/oicp/evsepush/v21/operators/DE*ABC/status-records insert of 1 record(s) -> HTTP 200, code 000 Success, Process-ID ");
        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("Stopped after 1 request(s).");
    }

    [Fact]
    public async Task With_a_server_certificate_it_speaks_mutual_TLS_that_doctor_accepts()
    {
        using var certificates = new TestCertificates();
        using var files = new CertificateFiles(certificates);
        var serverPfx = TestCertificates.WritePfx(files.Folder, "server.pfx", certificates.Server, CertificateFiles.Password);
        var output = new ObservedWriter();
        using var stop = new CancellationTokenSource();
        var run = ToolRunner.RunAsync(
            ["emulator", "--certificate", serverPfx, "--password-file", files.PasswordFile, "--client-ca", files.TrustRoots, "--caller", "DE*ABC"],
            output: output,
            cancellationToken: stop.Token);
        var url = Url(await output.WaitForLineAsync("listening at"));

        var doctor = await ToolRunner.RunAsync(["doctor", .. files.Settings(new Uri(url), files.Healthy)]);
        await stop.CancelAsync();
        await run;

        output.ToString().Should().Contain("HTTPS with mutual TLS: server certificate CN=127.0.0.1; client certificates must chain to CN=Oicp.Client test CA.");
        doctor.ExitCode.Should().Be(0, doctor.ToString());
        doctor.Out.Should().Contain("OK    TLS handshake");
    }

    [Fact]
    public async Task Latency_delays_each_answer_by_the_round_trip_time_on_the_emulator_clock()
    {
        var halfRoundTrip = TimeSpan.FromMilliseconds(200);
        var clock = new TimerSignalingClock(halfRoundTrip);
        var output = new ObservedWriter();
        using var stop = new CancellationTokenSource();
        var run = ToolRunner.RunAsync(["emulator", "--latency", "400ms"], clock: clock, output: output, cancellationToken: stop.Token);
        var url = Url(await output.WaitForLineAsync("listening at"));

        var push = ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", "--action", "insert", "--base-address", url, "--operator-id", "DE*ABC"]);
        await clock.WaitForTimerAsync();
        var answeredBeforeTheFirstHalf = push.IsCompleted;
        clock.Advance(halfRoundTrip);
        await clock.WaitForTimerAsync();
        var answeredBeforeTheSecondHalf = push.IsCompleted;
        clock.Advance(halfRoundTrip);
        var pushed = await push;
        await stop.CancelAsync();
        await run;

        output.ToString().Should().Contain("Round-trip time: 400 ms per request (half before handling, half after answering).");
        answeredBeforeTheFirstHalf.Should().BeFalse();
        answeredBeforeTheSecondHalf.Should().BeFalse();
        pushed.ExitCode.Should().Be(0, pushed.ToString());
    }

    [Theory]
    [InlineData("--latency", "fast")]
    [InlineData("--latency", "-5ms")]
    [InlineData("--operator", "XX")]
    [InlineData("--caller", "DE*")]
    [InlineData("--client-ca", "ca.pem")]
    public async Task Invalid_options_exit_2_with_a_reason(string option, string value)
    {
        var result = await ToolRunner.RunAsync(["emulator", option, value]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ");
    }

    private static string Url(string line) => line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim();
}
