using System.Text.Json;
using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Codes;

/// <summary><c>oicp codes [CODE]</c>: every OICP 2.3 code, what it means for a status push, and whether the SDK retries it.</summary>
public sealed class CodesCommandTests
{
    [Fact]
    public async Task All_31_codes_are_listed_with_the_SDK_retry_classification()
    {
        var result = await ToolRunner.RunAsync(["codes"]);

        result.ExitCode.Should().Be(0);
        var lines = result.Out.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(31);
        lines.Should().Contain(line => line.StartsWith("  001  Hubject system error", StringComparison.Ordinal) && line.EndsWith("retried by the SDK (transient)", StringComparison.Ordinal));
        lines.Should().Contain(line => line.StartsWith("  017  Unauthorized Access", StringComparison.Ordinal) && line.EndsWith("not retried (permanent)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_code_is_explained_for_status_pushes()
    {
        var result = await ToolRunner.RunAsync(["codes", "300"]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("300  Partner not found").And.Contain("Retries: not retried (permanent)")
            .And.Contain("Hubject does not know this OperatorID as a partner");
    }

    [Fact]
    public async Task An_unknown_code_is_kept_and_described_as_not_retried()
    {
        var result = await ToolRunner.RunAsync(["codes", "999"]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("999  (not defined by OICP 2.3)").And.Contain("treats it as permanent: it is not retried");
    }

    [Fact]
    public async Task Something_that_is_not_three_digits_is_a_usage_error()
    {
        var result = await ToolRunner.RunAsync(["codes", "17"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("three digits");
    }

    [Fact]
    public async Task Json_lists_every_code_with_its_classification()
    {
        var result = await ToolRunner.RunAsync(["codes", "--json"]);

        using var json = JsonDocument.Parse(result.Out);
        var codes = json.RootElement.GetProperty("codes").EnumerateArray().ToList();
        codes.Should().HaveCount(31);
        codes.Where(code => code.GetProperty("retried").GetBoolean()).Select(code => code.GetProperty("code").GetString())
            .Should().Equal("001", "002", "009", "021", "310", "320");
    }
}
