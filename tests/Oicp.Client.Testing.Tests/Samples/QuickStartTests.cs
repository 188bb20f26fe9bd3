using Oicp.Samples.QuickStart;

namespace Oicp.Client.Testing.Tests.Samples;

public sealed class QuickStartTests
{
    [Fact]
    public async Task The_default_run_pushes_to_the_emulator_and_exits_0()
    {
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync([], output);

        var text = output.ToString();
        exitCode.Should().Be(0, text);
        text.Should().Contain("listening at http://127.0.0.1:")
            .And.Contain("code 022")
            .And.Contain("| DE*ABC*E1001*1       | Occupied     |")
            .And.Contain("OK: every push behaved as expected");
    }

    [Fact]
    public async Task Help_explains_both_modes_and_exits_0()
    {
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(["--help"], output);

        exitCode.Should().Be(0);
        output.ToString().Should().Contain("--environment emulator|qa").And.Contain("--certificate-password");
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--environment", "production")]
    [InlineData("--environment", "qa", "--operator-id", "DE*XYZ")]
    [InlineData("--operator-id")]
    public async Task Invalid_arguments_exit_2_with_a_reason(params string[] args)
    {
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(args, output);

        exitCode.Should().Be(2);
        output.ToString().Should().StartWith("error: ");
    }

    [Fact]
    public async Task Qa_mode_reports_a_missing_certificate_file_before_sending_anything()
    {
        using var output = new StringWriter();

        var exitCode = await QuickStartApp.RunAsync(
            ["--environment", "qa", "--operator-id", "DE*XYZ", "--certificate", "/nonexistent/client.pfx", "--evse-id", "DE*XYZ*E1"], output);

        exitCode.Should().Be(2);
        output.ToString().Should().Contain("error: ").And.Contain("client.pfx");
    }
}
