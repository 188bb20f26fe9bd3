using System.Text.Json;
using Oicp.Client.Testing;
using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Pushing;

/// <summary><c>oicp push EVSEID STATUS</c>: typed, validated before sending, and Hubject's answer with its Process-ID and advice.</summary>
public sealed class PushCommandTests(PlainEmulator server) : IClassFixture<PlainEmulator>
{
    [Fact]
    public async Task A_push_prints_the_result_with_its_Process_ID_and_exits_0()
    {
        var result = await ToolRunner.RunAsync(["push", "de*abc*e100", "occupied", "--action", "insert", .. server.Settings]);

        result.ExitCode.Should().Be(0, result.ToString());
        var processId = server.Emulator.Requests[^1].ProcessId;
        result.Out.Should().Contain($"OK    Push               DE*ABC*E100 -> Occupied: insert of 1 record(s): success, HTTP 200, code 000 Success, Process-ID {processId}.");
        server.Emulator.GetStatuses(OperatorId.Parse("DE*ABC"))[EvseId.Parse("DE*ABC*E100")].Should().Be(EvseStatus.Occupied);
    }

    [Theory]
    [InlineData("DE*ABC*X1", "Available", "'DE*ABC*X1' is not a valid EvseID: an EvseID must match")]
    [InlineData("DE*ABC*E1", "Charging", "'Charging' is not an OICP EvseStatus: use Available, Reserved, Occupied, OutOfService or Unknown")]
    public async Task Invalid_input_is_refused_with_the_rule_before_anything_is_sent_and_exits_2(string evseId, string status, string message)
    {
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var result = await ToolRunner.RunAsync(["push", evseId, status, .. server.Settings]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Out.Should().Contain(message);
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore);
    }

    [Fact]
    public async Task An_EVSE_of_another_operator_is_refused_by_the_SDK_before_sending()
    {
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var result = await ToolRunner.RunAsync(["push", "DE*XYZ*E1", "Available", .. server.Settings]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Out.Should().Contain("FAIL  Push               DE*XYZ*E1 -> Available: not sent:").And.Contain("DE*XYZ*E1");
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore);
    }

    [Fact]
    public async Task An_unknown_action_is_a_usage_error()
    {
        var result = await ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", "--action", "fullLoad", .. server.Settings]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ").And.Contain("fullLoad");
    }

    [Fact]
    public async Task An_update_of_an_EVSE_without_a_record_explains_code_022()
    {
        var result = await ToolRunner.RunAsync(["push", "DE*ABC*E404", "Available", .. server.Settings]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("code 022").And.Contain("What to do: Hubject found the request invalid; for an update it usually means the EVSE has no status record yet.");
    }

    [Fact]
    public async Task An_HTTP_403_from_the_firewall_explains_the_IP_allow_list()
    {
        server.Emulator.Faults.Enqueue(EmulatorFault.Html403());

        var result = await ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", .. server.Settings]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("HTTP 403").And.Contain("not on Hubject's allow-list");
    }

    [Fact]
    public async Task An_operator_Hubject_does_not_know_explains_code_300()
    {
        // Nobody is authenticated as a particular operator here, so the emulator answers for the unknown partner (not 017).
        server.Emulator.CallerOperatorId = null;
        ToolOutput result;
        try
        {
            result = await ToolRunner.RunAsync(["push", "DE*QQQ*E1", "Available", "--base-address", server.BaseAddress.ToString(), "--operator-id", "DE*QQQ"]);
        }
        finally
        {
            server.Emulator.CallerOperatorId = OperatorId.Parse("DE*ABC");
        }

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("code 300").And.Contain("Hubject does not know this OperatorID as a partner");
    }

    [Fact]
    public async Task Json_output_carries_the_exit_code_the_checks_and_the_push_with_its_Process_ID()
    {
        var result = await ToolRunner.RunAsync(["push", "DE*ABC*E200", "Reserved", "--action", "insert", "--json", .. server.Settings]);

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("command").GetString().Should().Be("push");
        root.GetProperty("exitCode").GetInt32().Should().Be(0);
        root.GetProperty("ok").GetBoolean().Should().BeTrue();
        root.GetProperty("facts").GetProperty("operatorId").GetString().Should().Be("DE*ABC");
        root.GetProperty("checks")[0].GetProperty("status").GetString().Should().Be("ok");
        var push = root.GetProperty("push");
        push.GetProperty("isSuccess").GetBoolean().Should().BeTrue();
        push.GetProperty("statusCode").GetString().Should().Be("000");
        push.GetProperty("processId").GetString().Should().Be(server.Emulator.Requests[^1].ProcessId);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_SDK_message_and_exit_2()
    {
        var result = await ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", "--base-address", server.BaseAddress.ToString(), "--operator-id", "DE*ABC", "--environment", "staging"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Out.Should().Contain("FAIL  Settings").And.Contain("'staging' at 'Oicp:Environment'");
    }
}
