namespace Oicp.Client.Testing.Tests.Faults;

/// <summary>How a fault reads in the emulator's request log.</summary>
public sealed class EmulatorFaultTextTests
{
    [Fact]
    public void A_rejection_names_its_code_and_the_codes_description()
    {
        EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError).ToString().Should().Be("Rejected 001 Hubject system error");
        EmulatorFault.Rejected("777").ToString().Should().Be("Rejected 777");
        EmulatorFault.Rejected(OicpStatusCode.UnknownEvseId).ForOperator(OperatorId.Parse("DE*ABC")).ToString()
            .Should().Be("Rejected 603 Unknown EVSE ID for DE*ABC");
    }
}
