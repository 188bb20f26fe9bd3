using System.Net;
using System.Reflection;

namespace Oicp.Client.Tests.Results;

public sealed class PushResultTests
{
    [Fact]
    public void Success_needs_Result_true_and_code_000()
    {
        PushResult.FailureKindOf(true, OicpStatusCode.Success).Should().Be(PushFailureKind.None);
        PushResult.FailureKindOf(false, OicpStatusCode.Success).Should().Be(PushFailureKind.Rejected);
        PushResult.FailureKindOf(true, OicpStatusCode.HubjectSystemError).Should().Be(PushFailureKind.Rejected);
    }

    [Fact]
    public void Users_cannot_construct_a_result_or_change_one()
    {
        typeof(PushResult).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Should().BeEmpty();
        typeof(PushResult).GetProperties()
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => property.Name)
            .Should().BeEmpty();
    }

    [Fact]
    public void EnsureSuccess_returns_a_success_and_throws_OicpException_carrying_a_failure()
    {
        var success = Success();
        success.EnsureSuccess().Should().BeSameAs(success);

        var failure = Rejected(OicpStatusCode.UnknownEvseId, "Unknown EVSE ID", "DE*ABC*E1");
        var ensure = () => failure.EnsureSuccess();

        ensure.Should().Throw<OicpException>()
            .Where(exception => exception.Result == failure)
            .WithMessage("*603 Unknown EVSE ID*DE*ABC*E1*Process-ID p-1*");
    }

    [Fact]
    public void ToString_stays_one_line_with_control_characters_from_the_answer_escaped()
    {
        var rejected = Rejected(OicpStatusCode.DataError, "Data\nerror", "E9\r\nINFO forged \u001b[2J");
        var invalid = OicpModelFactory.PushResult(
            PushFailureKind.HttpError,
            httpStatusCode: HttpStatusCode.BadRequest,
            validationErrors: [new OicpValidationError("EvseID\n", "bad\u0000")],
            errorMessage: "refused\u2028as invalid");

        var text = rejected + " " + invalid;

        text.Should().Contain("\"Data\\nerror\"").And.Contain("E9\\r\\nINFO forged \\u001B[2J")
            .And.Contain("EvseID\\n: bad\\u0000").And.Contain("refused\\u2028as invalid");
        text.IndexOfAny(['\n', '\r', '\u001b', '\u0000', '\u2028']).Should().Be(-1);
        var ensure = () => rejected.EnsureSuccess();
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
        var result = OicpModelFactory.PushResult(
            kind,
            acknowledgmentResult: code is null ? null : kind == PushFailureKind.None,
            oicpCode: code is null ? (OicpStatusCode?)null : new OicpStatusCode(code),
            httpStatusCode: http);

        result.IsTransientFailure.Should().Be(expected);
    }

    [Fact]
    public void ToString_does_not_repeat_the_standard_description()
    {
        Success("Success").ToString()
            .Should().Be("update of 1 record(s): success, HTTP 200, code 000 Success, Process-ID p-1");
        Rejected(OicpStatusCode.DataError, "EVSE not found").ToString()
            .Should().Be("update of 1 record(s): Rejected, HTTP 200, code 022 Data error, \"EVSE not found\", Process-ID p-1");
    }

    [Fact]
    public void ToString_prints_a_code_OICP_does_not_define_without_a_description()
    {
        Rejected("777", "Something new").ToString()
            .Should().Be("update of 1 record(s): Rejected, HTTP 200, code 777, \"Something new\", Process-ID p-1");
    }

    private static PushResult Success(string? description = null) => OicpModelFactory.PushResult(
        acknowledgmentResult: true, oicpCode: OicpStatusCode.Success, description: description, httpStatusCode: HttpStatusCode.OK, processId: "p-1");

    private static PushResult Rejected(OicpStatusCode code, string? description = null, string? additionalInfo = null) => OicpModelFactory.PushResult(
        PushFailureKind.Rejected,
        acknowledgmentResult: false,
        oicpCode: code,
        description: description,
        additionalInfo: additionalInfo,
        httpStatusCode: HttpStatusCode.OK,
        processId: "p-1");
}
