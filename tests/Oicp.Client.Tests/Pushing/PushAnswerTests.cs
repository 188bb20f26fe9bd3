using System.Net;
using System.Text;
using Oicp.Client.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Oicp.Client.Tests.Pushing;

/// <summary>Every answer shape becomes a typed <see cref="PushResult"/>.</summary>
public sealed class PushAnswerTests
{
    private readonly MockHttpMessageHandler _http = new();

    private Task<PushResult> PushOne() =>
        TestPushers.Create(_http).PushStatusAsync(TestPushers.Evse("DE*ABC*E1"), EvseStatus.Available);

    private void Answer(HttpStatusCode status, string body, string mediaType = "application/json", string? processId = null) =>
        _http.When(HttpMethod.Post, TestPushers.StatusUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            if (processId is not null)
            {
                response.Headers.TryAddWithoutValidation("Process-ID", processId);
            }

            return response;
        });

    [Fact]
    public async Task Acknowledgment_with_nulls_is_a_success_carrying_the_Process_ID()
    {
        Answer(HttpStatusCode.OK, TestPushers.SuccessAck, processId: "7e2f-proc");

        var result = await PushOne();

        result.IsSuccess.Should().BeTrue();
        result.FailureKind.Should().Be(PushFailureKind.None);
        result.OicpCode.Should().Be(OicpStatusCode.Success);
        result.AcknowledgmentResult.Should().BeTrue();
        result.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        result.ProcessId.Should().Be("7e2f-proc");
        result.Description.Should().BeNull();
        result.SessionId.Should().BeNull();
        result.RecordCount.Should().Be(1);
        result.ActionType.Should().Be(ActionType.Update);
        result.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task Official_example_with_session_ids_is_read_completely()
    {
        Answer(HttpStatusCode.OK, """
            { "Result": true,
              "StatusCode": { "AdditionalInfo": "Success", "Code": "000", "Description": "Success" },
              "SessionID": "f98efba4-02d8-4fa0-b810-9a9d50d2c527",
              "CPOPartnerSessionID": "1234XYZ", "EMPPartnerSessionID": "2345ABC" }
            """);

        var result = await PushOne();

        result.IsSuccess.Should().BeTrue();
        result.Description.Should().Be("Success");
        result.AdditionalInfo.Should().Be("Success");
        result.SessionId.Should().Be("f98efba4-02d8-4fa0-b810-9a9d50d2c527");
        result.CpoPartnerSessionId.Should().Be("1234XYZ");
        result.EmpPartnerSessionId.Should().Be("2345ABC");
    }

    [Fact]
    public async Task PushStatus_returns_failure_when_Result_is_false()
    {
        Answer(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "000" } }""");

        var result = await PushOne();

        result.IsSuccess.Should().BeFalse();
        result.FailureKind.Should().Be(PushFailureKind.Rejected);
        result.AcknowledgmentResult.Should().BeFalse();
    }

    [Fact]
    public async Task Result_true_with_a_failure_code_is_a_rejection()
    {
        Answer(HttpStatusCode.OK, """{ "Result": true, "StatusCode": { "Code": "603", "Description": "Unknown EVSE ID", "AdditionalInfo": "DE*ABC*E1" } }""");

        var result = await PushOne();

        result.IsSuccess.Should().BeFalse();
        result.FailureKind.Should().Be(PushFailureKind.Rejected);
        result.OicpCode.Should().Be(OicpStatusCode.UnknownEvseId);
        result.AdditionalInfo.Should().Be("DE*ABC*E1");
        result.IsTransientFailure.Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_codes_are_kept()
    {
        Answer(HttpStatusCode.OK, """{ "Result": false, "StatusCode": { "Code": "777", "Description": "New in OICP 2.4" } }""");

        var result = await PushOne();

        result.OicpCode!.Value.Code.Should().Be("777");
        result.OicpCode.Value.IsKnown.Should().BeFalse();
        result.Description.Should().Be("New in OICP 2.4");
    }

    [Theory]
    [InlineData("17", HttpStatusCode.OK, PushFailureKind.Rejected)]
    [InlineData("0000", HttpStatusCode.OK, PushFailureKind.Rejected)]
    [InlineData("E17", HttpStatusCode.Unauthorized, PushFailureKind.HttpError)]
    public async Task A_code_that_breaks_the_three_digit_rule_is_kept_as_it_came(string code, HttpStatusCode status, PushFailureKind expected)
    {
        // Constructing a code in user code refuses these; reading Hubject's answer must not fail on them.
        Answer(status, $$"""{ "Result": true, "StatusCode": { "Code": "{{code}}" } }""");

        var result = await PushOne();

        result.FailureKind.Should().Be(expected);
        result.OicpCode!.Value.Code.Should().Be(code);
        result.OicpCode.Value.ToString().Should().Be(code);
        result.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public async Task Http_400_carries_the_fault_bodys_validation_errors()
    {
        Answer(HttpStatusCode.BadRequest, """
            { "message": "Validation failed", "extendedInfo": null,
              "validationErrors": [ { "fieldReference": "OperatorEvseStatus.EvseStatusRecord[0].EvseID", "errorMessage": "must match pattern" } ] }
            """, processId: "p-400");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.BadRequest);
        result.FaultMessage.Should().Be("Validation failed");
        result.ValidationErrors.Should().Equal(new OicpValidationError("OperatorEvseStatus.EvseStatusRecord[0].EvseID", "must match pattern"));
        result.ProcessId.Should().Be("p-400");
        result.IsTransientFailure.Should().BeFalse();
    }

    [Fact]
    public async Task Http_401_with_017_carries_the_status_code()
    {
        Answer(HttpStatusCode.Unauthorized, """{ "Result": false, "StatusCode": { "Code": "017", "Description": "Unauthorized Access" } }""");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
        result.OicpCode.Should().Be(OicpStatusCode.UnauthorizedAccess);
    }

    [Fact]
    public async Task Http_404_with_300_carries_the_status_code()
    {
        Answer(HttpStatusCode.NotFound, """{ "Result": false, "StatusCode": { "Code": "300", "Description": "Partner not found" } }""");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.OicpCode.Should().Be(OicpStatusCode.PartnerNotFound);
    }

    [Fact]
    public async Task Http_403_with_an_html_page_is_an_http_error_with_an_excerpt()
    {
        Answer(HttpStatusCode.Forbidden, "<html><body><h1>403 Forbidden</h1>Request blocked.</body></html>", "text/html");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.OicpCode.Should().BeNull();
        result.ErrorMessage.Should().Contain("403").And.Contain("Request blocked");
    }

    [Fact]
    public async Task Http_401_with_an_html_body_is_still_an_http_error()
    {
        Answer(HttpStatusCode.Unauthorized, "<html>no</html>", "text/html");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Server_side_http_errors_are_transient_http_errors(HttpStatusCode status)
    {
        Answer(status, "");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.HttpError);
        result.HttpStatusCode.Should().Be(status);
        result.IsTransientFailure.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"Result\": true, \"StatusCode\": { \"Co")]
    [InlineData("<html>maintenance</html>")]
    [InlineData("null")]
    public async Task Unreadable_200_bodies_are_unreadable_responses(string body)
    {
        Answer(HttpStatusCode.OK, body);

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.UnreadableResponse);
        result.IsSuccess.Should().BeFalse();
        result.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        result.ErrorMessage.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_acknowledgment_without_StatusCode_is_unreadable_not_success()
    {
        Answer(HttpStatusCode.OK, """{ "Result": true, "StatusCode": null }""");

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.UnreadableResponse);
        result.AcknowledgmentResult.Should().BeTrue();
        result.ErrorMessage.Should().Contain("StatusCode");
    }

    [Theory]
    [InlineData("""{ "StatusCode": { "Code": "000" } }""")]
    [InlineData("""{ "Result": null, "StatusCode": { "Code": "000" } }""")]
    [InlineData("""{ "Result": false, "Result": true, "StatusCode": { "Code": "000" } }""")]
    [InlineData("""{ "Result": true, "StatusCode": { "Code": "017" }, "StatusCode": { "Code": "000" } }""")]
    [InlineData("""{ "Result": true, "StatusCode": { "Code": "017", "Code": "000" } }""")]
    public async Task An_acknowledgement_without_Result_or_with_a_deciding_member_twice_is_unreadable(string body)
    {
        Answer(HttpStatusCode.OK, body);

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.UnreadableResponse);
        result.IsSuccess.Should().BeFalse();
        result.OicpCode.Should().BeNull("no code was read that could be trusted");
        result.ErrorMessage.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Repeated_members_that_do_not_decide_success_are_read_as_usual()
    {
        Answer(HttpStatusCode.OK, """{ "Result": true, "StatusCode": { "Code": "000", "Description": "a", "Description": "b" }, "SessionID": null, "SessionID": null }""");

        var result = await PushOne();

        result.IsSuccess.Should().BeTrue();
        result.Description.Should().Be("b");
    }

    [Fact]
    public async Task Connection_failure_is_a_transport_failure()
    {
        _http.When(HttpMethod.Post, "*").Throw(new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var result = await PushOne();

        result.FailureKind.Should().Be(PushFailureKind.TransportFailure);
        result.IsTimeout.Should().BeFalse();
        result.HttpStatusCode.Should().BeNull();
        result.Exception.Should().BeOfType<HttpRequestException>();
        result.ErrorMessage.Should().Contain("Connection refused");
        result.IsTransientFailure.Should().BeTrue();
    }
}
