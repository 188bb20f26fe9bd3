using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Settings;

/// <summary>
/// The tool reads the SDK's settings: the Oicp section of appsettings.json, then Oicp__* environment
/// variables, then flags (flags win). Passwords come from the environment or a file, never a flag.
/// </summary>
public sealed class SettingsSourcesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oicp-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Environment_variables_win_over_appsettings_and_flags_win_over_both()
    {
        var config = Write("appsettings.json", """{ "Oicp": { "OperatorId": "DE*AAA", "BaseAddress": "http://127.0.0.1:1/api/oicp/" } }""");
        var environment = new Dictionary<string, string?> { ["Oicp__OperatorId"] = "DE*BBB", ["OTHER__OperatorId"] = "DE*ZZZ" };

        var fromEnvironment = await ToolRunner.RunAsync(["doctor", "--config", config], environment);
        var fromFlag = await ToolRunner.RunAsync(["doctor", "--config", config, "--operator-id", "DE*CCC"], environment);
        var fromFile = await ToolRunner.RunAsync(["doctor", "--config", config]);

        fromFile.Out.Should().Contain("OperatorID: DE*AAA").And.Contain("Endpoint: http://127.0.0.1:1/api/oicp/");
        fromEnvironment.Out.Should().Contain("OperatorID: DE*BBB");
        fromFlag.Out.Should().Contain("OperatorID: DE*CCC");
    }

    [Fact]
    public async Task Nested_environment_variables_reach_nested_settings()
    {
        var environment = new Dictionary<string, string?> { ["Oicp__Retry__MaxAttempts"] = "0", ["Oicp__OperatorId"] = "DE*ABC" };

        var result = await ToolRunner.RunAsync(["doctor", "--base-address", "http://127.0.0.1:1/api/oicp/"], environment);

        result.Out.Should().Contain("FAIL  Settings           The SDK refuses these settings: Retry.MaxAttempts must be at least 1");
    }

    [Theory]
    [InlineData("--password")]
    [InlineData("--certificate-password")]
    public async Task A_password_given_as_a_flag_is_refused_with_the_reason(string flag)
    {
        var result = await ToolRunner.RunAsync(["doctor", "--operator-id", "DE*ABC", flag, "secret"]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().Contain("--password is refused: a password on the command line is visible to other users in the process list")
            .And.Contain("--password-file FILE").And.Contain("Oicp__ClientCertificatePassword");
    }

    [Fact]
    public async Task The_password_comes_from_the_environment_as_well_as_from_a_file()
    {
        using var certificates = new Oicp.Client.Testing.Tests.TestSupport.TestCertificates();
        using var files = new CertificateFiles(certificates);
        var environment = new Dictionary<string, string?> { ["Oicp__ClientCertificatePassword"] = CertificateFiles.Password };
        string[] settings = ["doctor", "--operator-id", "DE*ABC", "--base-address", ClosedPort.Find().ToString(), "--certificate", files.Healthy];

        var fromEnvironment = await ToolRunner.RunAsync(settings, environment);
        var fromFile = await ToolRunner.RunAsync([.. settings, "--password-file", files.PasswordFile]);
        var without = await ToolRunner.RunAsync(settings);

        fromEnvironment.Out.Should().Contain("OK    Certificate file");
        fromFile.Out.Should().Contain("OK    Certificate file");
        without.Out.Should().Contain("FAIL  Certificate file").And.Contain("protected by a password, and no password is configured");
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        var result = await ToolRunner.RunAsync(["doctor", "--config", Path.Combine(_folder, "nope.json")]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().Contain("nope.json' does not exist.");
    }

    [Fact]
    public async Task An_unknown_flag_is_a_usage_error_on_standard_error()
    {
        var result = await ToolRunner.RunAsync(["doctor", "--operatorid", "DE*ABC"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ").And.Contain("--operatorid").And.Contain("Run 'oicp doctor --help' for usage.");
        result.Out.Should().BeEmpty();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
