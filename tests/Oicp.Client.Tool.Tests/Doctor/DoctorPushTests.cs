using Oicp.Client.Tool.Tests.TestSupport;

namespace Oicp.Client.Tool.Tests.Doctor;

/// <summary><c>oicp doctor --push EVSEID STATUS</c>: one real push after the checks, with Hubject's answer explained.</summary>
public sealed class DoctorPushTests(MutualTlsEmulator server) : IClassFixture<MutualTlsEmulator>
{
    [Fact]
    public async Task A_push_with_a_healthy_setup_succeeds_and_shows_the_Process_ID()
    {
        await ToolRunner.RunAsync(["push", "DE*ABC*E1", "Available", "--action", "insert", .. server.Files.Settings(server.BaseAddress, server.Files.Healthy)]);

        var result = await ToolRunner.RunAsync(["doctor", .. server.Files.Settings(server.BaseAddress, server.Files.Healthy), "--push", "DE*ABC*E1", "Occupied"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("OK    Push               DE*ABC*E1 -> Occupied: update of 1 record(s): success").And.Contain("Process-ID ");
        server.Emulator.GetStatuses(OperatorId.Parse("DE*ABC"))[EvseId.Parse("DE*ABC*E1")].Should().Be(EvseStatus.Occupied);
    }

    [Fact]
    public async Task A_push_refused_with_017_says_that_the_certificate_is_linked_to_another_operator()
    {
        var result = await ToolRunner.RunAsync(["doctor", .. server.Files.Settings(server.BaseAddress, server.Files.OtherOperator), "--push", "DE*ABC*E2", "Available"]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("FAIL  Push").And.Contain("code 017")
            .And.Contain("Hubject does not link your client certificate to this OperatorID");
    }

    [Fact]
    public async Task An_invalid_EVSE_to_push_is_refused_before_any_check_with_exit_code_2()
    {
        var requestsBefore = server.Emulator.Statistics.TotalRequests;

        var result = await ToolRunner.RunAsync(["doctor", .. server.Files.Settings(server.BaseAddress, server.Files.Healthy), "--push", "DE*ABC*X1", "Available"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Out.Should().Contain("'DE*ABC*X1' is not a valid EvseID: an EvseID must match");
        server.Emulator.Statistics.TotalRequests.Should().Be(requestsBefore);
    }
}
