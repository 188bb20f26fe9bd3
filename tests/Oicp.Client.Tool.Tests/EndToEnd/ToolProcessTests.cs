using System.Diagnostics;
using Oicp.Client.Tests.TestSupport;
using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.EndToEnd;

/// <summary>The built tool as a process against the emulator over Kestrel with mutual TLS: exit codes and key lines.</summary>
public sealed class ToolProcessTests(MutualTlsEmulator server) : IClassFixture<MutualTlsEmulator>
{
    [Fact]
    public async Task Version_prints_the_package_version_and_exits_0()
    {
        var result = await ToolProcess.RunAsync(["--version"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var version = System.Text.RegularExpressions.Regex.Match(Repository.ReadAllText("Directory.Build.props"), "<Version>(.+?)</Version>").Groups[1].Value;
        version.Should().NotBeEmpty("Directory.Build.props sets the packages' version");
        result.Out.Trim().Split('+')[0].Should().Be(version, "the tool prints the package version (and the commit after a '+')");
    }

    [Fact]
    public async Task Doctor_with_a_healthy_setup_exits_0_and_reads_the_password_from_the_environment()
    {
        var result = await ToolProcess.RunAsync(
            ["doctor", "--base-address", server.BaseAddress.ToString(), "--operator-id", "DE*ABC", "--certificate", server.Files.Healthy, "--trust-roots", server.Files.TrustRoots],
            new Dictionary<string, string> { ["Oicp__ClientCertificatePassword"] = CertificateFiles.Password });

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("OK    TLS handshake").And.Contain("OK (");
    }

    [Fact]
    public async Task Doctor_with_nothing_listening_exits_1_after_the_local_checks()
    {
        var result = await ToolProcess.RunAsync(["doctor", .. server.Files.Settings(ClosedPort.Find(), server.Files.Healthy)]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("OK    Key match").And.Contain("FAIL  TCP connect        Nothing listens on 127.0.0.1:");
    }

    [Fact]
    public async Task Doctor_with_an_expired_certificate_exits_1()
    {
        var result = await ToolProcess.RunAsync(["doctor", .. server.Files.Settings(server.BaseAddress, server.Files.Expired), "--json"]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("\"id\": \"certificate.expiry\",\n      \"status\": \"fail\"");
    }

    [Fact]
    public async Task Push_prints_the_Process_ID_and_exits_0()
    {
        var result = await ToolProcess.RunAsync(["push", "DE*ABC*E9", "Available", "--action", "insert", .. server.Files.Settings(server.BaseAddress, server.Files.Healthy)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("OK    Push               DE*ABC*E9 -> Available: insert of 1 record(s): success").And.Contain("Process-ID ");
    }

    [Fact]
    public async Task A_usage_error_exits_2()
    {
        var result = await ToolProcess.RunAsync(["push", "DE*ABC*E1"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("error: Required argument 'STATUS' missing");
    }

    [Fact]
    public async Task The_emulator_as_a_process_serves_a_push_and_stops_on_SIGTERM()
    {
        using var emulator = ToolProcess.Start(["emulator", "--port", "0"]);
        var url = await ReadUrlAsync(emulator);

        var push = await ToolProcess.RunAsync(["push", "DE*ABC*E1", "Available", "--action", "insert", "--base-address", url, "--operator-id", "DE*ABC"]);
        using (var kill = Process.Start("kill", ["-TERM", emulator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = await emulator.StandardOutput.ReadToEndAsync();
        await emulator.WaitForExitAsync();

        push.ExitCode.Should().Be(0, push.ToString());
        rest.Should().Contain("#1 /api/oicp/evsepush/v21/operators/DE*ABC/status-records insert of 1 record(s) -> HTTP 200").And.Contain("Stopped after 1 request(s).");
        emulator.ExitCode.Should().Be(0);
    }

    private static async Task<string> ReadUrlAsync(Process emulator)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await emulator.StandardOutput.ReadLineAsync(safety.Token) is { } line)
        {
            if (line.Contains("listening at ", StringComparison.Ordinal))
            {
                return line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim();
            }
        }

        throw new InvalidOperationException("The emulator ended without printing its URL: " + await emulator.StandardError.ReadToEndAsync());
    }
}
