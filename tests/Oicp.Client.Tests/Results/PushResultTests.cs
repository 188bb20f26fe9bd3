using System.Net;

namespace Oicp.Client.Tests.Results;

public sealed class PushResultTests
{
    [Fact]
    public void Success_needs_Result_true_and_code_000()
    {
        PushResult.FromAcknowledgment(ActionType.Update, 1, true, OicpStatusCode.Success).IsSuccess.Should().BeTrue();
        PushResult.FromAcknowledgment(ActionType.Update, 1, false, OicpStatusCode.Success).FailureKind.Should().Be(PushFailureKind.Rejected);
        PushResult.FromAcknowledgment(ActionType.Update, 1, true, OicpStatusCode.HubjectSystemError).FailureKind.Should().Be(PushFailureKind.Rejected);
    }

    [Fact]
    public void EnsureSuccess_returns_a_success_and_throws_OicpException_carrying_a_failure()
    {
        var success = PushResult.FromAcknowledgment(ActionType.Update, 1, true, OicpStatusCode.Success);
        success.EnsureSuccess().Should().BeSameAs(success);

        var failure = PushResult.FromAcknowledgment(ActionType.Update, 1, false, OicpStatusCode.UnknownEvseId, "Unknown EVSE ID", "DE*ABC*E1", processId: "p-1");
        var ensure = () => failure.EnsureSuccess();

        ensure.Should().Throw<OicpException>()
            .Where(exception => exception.Result == failure)
            .WithMessage("*603 Unknown EVSE ID*DE*ABC*E1*Process-ID p-1*");
    }

    [Fact]
    public void ToString_stays_one_line_with_control_characters_from_the_answer_escaped()
    {
        var result = PushResult.FromAcknowledgment(ActionType.Update, 1, false, OicpStatusCode.DataError, "Data\nerror", "E9\r\nINFO forged \u001b[2J", processId: "p-1") with
        {
            ValidationErrors = [new OicpValidationError("EvseID\n", "bad\u0000")],
        };

        var text = result.ToString();

        text.Should().Contain("\"Data\\nerror\"").And.Contain("E9\\r\\nINFO forged \\u001B[2J").And.Contain("EvseID\\n: bad\\u0000");
        text.IndexOfAny(['\n', '\r', '\u001b', '\u0000']).Should().Be(-1);
        var ensure = () => result.EnsureSuccess();
        ensure.Should().Throw<OicpException>().Which.Message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData(PushFailureKind.TransportFailure, null, null, true)]
    [InlineData(PushFailureKind.HttpError, HttpStatusCode.RequestTimeout, null, true)]
    [InlineData(PushFailureKind.HttpError, HttpStatusCode.TooManyRequests, null, true)]
    [InlineData(PushFailureKind.HttpError, HttpStatusCode.BadGateway, null, true)]
    [InlineData(PushFailureKind.HttpError, HttpStatusCode.BadRequest, null, false)]
    [InlineData(PushFailureKind.HttpError, HttpStatusCode.Unauthorized, "017", false)]
    [InlineData(PushFailureKind.Rejected, HttpStatusCode.OK, "001", true)]
    [InlineData(PushFailureKind.Rejected, HttpStatusCode.OK, "018", false)]
    [InlineData(PushFailureKind.UnreadableResponse, HttpStatusCode.OK, null, false)]
    [InlineData(PushFailureKind.None, HttpStatusCode.OK, "000", false)]
    public void IsTransientFailure_follows_the_documented_classification(PushFailureKind kind, HttpStatusCode? http, string? code, bool expected)
    {
        var result = new PushResult
        {
            FailureKind = kind,
            HttpStatusCode = http,
            StatusCode = code is null ? null : new OicpStatusCode(code),
        };

        result.IsTransientFailure.Should().Be(expected);
    }

    [Fact]
    public void Validation_errors_are_never_null()
    {
        new PushResult().ValidationErrors.Should().BeEmpty();
        new PushResult { ValidationErrors = null! }.ValidationErrors.Should().BeEmpty();
    }

    [Fact]
    public void ToString_does_not_repeat_the_standard_description()
    {
        PushResult.FromAcknowledgment(ActionType.Update, 1, true, OicpStatusCode.Success, "Success").ToString()
            .Should().Be("update of 1 record(s): success, HTTP 200, code 000 Success");
        PushResult.FromAcknowledgment(ActionType.Update, 1, false, OicpStatusCode.DataError, "EVSE not found").ToString()
            .Should().Be("update of 1 record(s): Rejected, HTTP 200, code 022 Data error, \"EVSE not found\"");
    }
}
