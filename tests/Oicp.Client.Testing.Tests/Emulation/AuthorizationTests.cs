using System.Net;
using Oicp.Client.Testing.Tests.TestSupport;

namespace Oicp.Client.Testing.Tests.Emulation;

public sealed class AuthorizationTests : IDisposable
{
    private readonly RawEmulatorClient _client = new(o => o.CallerOperatorId = OperatorId.Parse("DE*ABC"));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task The_caller_own_operator_is_accepted_with_or_without_the_optional_star()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "DEABC", ("DEABCE1", "Available")), pathOperator: "DEABC");

        answer.Code.Should().Be("000");
    }

    [Fact]
    public async Task Another_operator_in_the_path_is_answered_401_with_017()
    {
        _client.Emulator.RegisterOperator(OperatorId.Parse("DE*XYZ"));

        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "DE*XYZ"), pathOperator: "DE*XYZ");

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("017");
        answer.ProcessId.Should().NotBeNullOrEmpty();
        _client.Emulator.GetHistory(OperatorId.Parse("DE*XYZ")).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_operator_in_the_body_is_answered_401_with_017()
    {
        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "DE*XYZ"));

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Code.Should().Be("017");
    }

    [Fact]
    public async Task The_caller_identity_can_change_between_requests()
    {
        _client.Emulator.CallerOperatorId = OperatorId.Parse("DE*XYZ");

        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad"));

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_operator_that_is_not_registered_is_answered_404_with_300()
    {
        _client.Emulator.CallerOperatorId = null;

        var answer = await _client.PostAsync(RawEmulatorClient.Body("fullLoad", "DE*NEW"), pathOperator: "DE*NEW");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Result.Should().BeFalse();
        answer.Code.Should().Be("300");
        answer.AdditionalInfo.Should().Contain("DE*NEW");
    }

    [Fact]
    public void Querying_an_operator_that_is_not_registered_is_a_programmer_error()
    {
        var act = () => _client.Emulator.GetStatuses(OperatorId.Parse("DE*NEW"));

        act.Should().Throw<ArgumentException>().WithMessage("*RegisterOperator*");
    }
}
