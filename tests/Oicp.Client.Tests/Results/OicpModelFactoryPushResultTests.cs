using System.Net;

namespace Oicp.Client.Tests.Results;

/// <summary><see cref="OicpModelFactory.PushResult"/>: results for users' test doubles, built only as the SDK would build them.</summary>
public sealed class OicpModelFactoryPushResultTests
{
    public static TheoryData<string, Func<PushResult>> Contradictions => new()
    {
        { "acknowledgmentResult", () => OicpModelFactory.PushResult(oicpCode: OicpStatusCode.Success) },
        { "acknowledgmentResult", () => OicpModelFactory.PushResult(acknowledgmentResult: false, oicpCode: OicpStatusCode.Success) },
        { "oicpCode", () => OicpModelFactory.PushResult(acknowledgmentResult: true) },
        { "oicpCode", () => OicpModelFactory.PushResult(acknowledgmentResult: true, oicpCode: "001") },
        { "httpStatusCode", () => OicpModelFactory.PushResult(acknowledgmentResult: true, oicpCode: "000", httpStatusCode: HttpStatusCode.Created) },
        { "failureKind", () => OicpModelFactory.PushResult(PushFailureKind.Rejected, acknowledgmentResult: true, oicpCode: "000") },
        { "acknowledgmentResult", () => OicpModelFactory.PushResult(PushFailureKind.Rejected, oicpCode: "603") },
        { "oicpCode", () => OicpModelFactory.PushResult(PushFailureKind.Rejected, acknowledgmentResult: false) },
        { "httpStatusCode", () => OicpModelFactory.PushResult(PushFailureKind.Rejected, acknowledgmentResult: false, oicpCode: "017", httpStatusCode: HttpStatusCode.Unauthorized) },
        { "httpStatusCode", () => OicpModelFactory.PushResult(PushFailureKind.HttpError) },
        { "httpStatusCode", () => OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: HttpStatusCode.OK) },
        { "httpStatusCode", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, httpStatusCode: HttpStatusCode.BadGateway) },
        { "acknowledgmentResult", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, acknowledgmentResult: false) },
        { "oicpCode", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, oicpCode: "001") },
        { "httpStatusCode", () => OicpModelFactory.PushResult(PushFailureKind.UnreadableResponse, httpStatusCode: HttpStatusCode.BadGateway) },
        { "oicpCode", () => OicpModelFactory.PushResult(PushFailureKind.UnreadableResponse, oicpCode: "000") },
        { "isTimeout", () => OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: HttpStatusCode.GatewayTimeout, isTimeout: true) },
        { "faultMessage", () => OicpModelFactory.PushResult(PushFailureKind.Rejected, acknowledgmentResult: false, oicpCode: "022", faultMessage: "Validation failed") },
        { "validationErrors", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, validationErrors: [new OicpValidationError("EvseID", "bad")]) },
    };

    public static TheoryData<string, Func<PushResult>> OutOfRange => new()
    {
        { "failureKind", () => OicpModelFactory.PushResult((PushFailureKind)9) },
        { "actionType", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, (ActionType)9) },
        { "recordCount", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, recordCount: -1) },
        { "attempts", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, attempts: 0) },
        { "elapsed", () => OicpModelFactory.PushResult(PushFailureKind.TransportFailure, elapsed: TimeSpan.FromTicks(-1)) },
        { "retryAfter", () => OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(-1)) },
    };

    [Fact]
    public void A_success_built_with_Result_true_and_code_000_is_a_success()
    {
        var result = OicpModelFactory.PushResult(acknowledgmentResult: true, oicpCode: "000");

        result.IsSuccess.Should().BeTrue();
        result.FailureKind.Should().Be(PushFailureKind.None);
        result.ActionType.Should().Be(ActionType.Update);
        result.RecordCount.Should().Be(1);
        result.Attempts.Should().Be(1);
        result.HttpStatusCode.Should().BeNull("no HTTP status was given");
        result.EnsureSuccess().Should().BeSameAs(result);
    }

    [Fact]
    public void Every_value_given_is_kept()
    {
        var exception = new HttpRequestException("proxy said no");

        var result = OicpModelFactory.PushResult(
            PushFailureKind.HttpError,
            ActionType.FullLoad,
            recordCount: 12,
            acknowledgmentResult: false,
            oicpCode: OicpStatusCode.UnauthorizedAccess,
            description: "Unauthorized Access",
            additionalInfo: "certificate",
            sessionId: "s-1",
            cpoPartnerSessionId: "cpo-1",
            empPartnerSessionId: "emp-1",
            httpStatusCode: HttpStatusCode.Unauthorized,
            processId: "p-1",
            faultMessage: "Validation failed",
            validationErrors: [new OicpValidationError("EvseID", "bad")],
            errorMessage: "HTTP 401 Unauthorized",
            exception: exception,
            retryAfter: TimeSpan.FromSeconds(3),
            attempts: 2,
            elapsed: TimeSpan.FromMilliseconds(150));

        result.Should().BeEquivalentTo(new
        {
            FailureKind = PushFailureKind.HttpError,
            ActionType = ActionType.FullLoad,
            RecordCount = 12,
            AcknowledgmentResult = (bool?)false,
            OicpCode = (OicpStatusCode?)OicpStatusCode.UnauthorizedAccess,
            Description = "Unauthorized Access",
            AdditionalInfo = "certificate",
            SessionId = "s-1",
            CpoPartnerSessionId = "cpo-1",
            EmpPartnerSessionId = "emp-1",
            HttpStatusCode = (HttpStatusCode?)HttpStatusCode.Unauthorized,
            ProcessId = "p-1",
            FaultMessage = "Validation failed",
            ValidationErrors = new[] { new OicpValidationError("EvseID", "bad") },
            ErrorMessage = "HTTP 401 Unauthorized",
            IsTimeout = false,
            RetryAfter = (TimeSpan?)TimeSpan.FromSeconds(3),
            Attempts = 2,
            Elapsed = TimeSpan.FromMilliseconds(150),
        });
        result.Exception.Should().BeSameAs(exception);
        result.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void A_timeout_is_a_transport_failure_without_an_answer()
    {
        var result = OicpModelFactory.PushResult(PushFailureKind.TransportFailure, isTimeout: true, errorMessage: "No answer within 30 s.");

        result.IsTimeout.Should().BeTrue();
        result.IsTransientFailure.Should().BeTrue();
        result.HttpStatusCode.Should().BeNull();
    }

    [Fact]
    public void Validation_errors_are_never_null_and_are_copied()
    {
        var errors = new List<OicpValidationError> { new("EvseID", "bad") };

        var result = OicpModelFactory.PushResult(PushFailureKind.HttpError, httpStatusCode: HttpStatusCode.BadRequest, validationErrors: errors);
        errors.Clear();

        result.ValidationErrors.Should().ContainSingle();
        OicpModelFactory.PushResult(PushFailureKind.TransportFailure, validationErrors: null).ValidationErrors.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Contradictory_input_is_refused_naming_the_parameter(string parameter, Func<PushResult> build)
    {
        build.Should().Throw<ArgumentException>().Where(exception => exception.ParamName == parameter)
            .Which.Message.Length.Should().BeGreaterThan($" (Parameter '{parameter}')".Length, "the message says which rule is broken");
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Values_out_of_range_are_refused_naming_the_parameter(string parameter, Func<PushResult> build)
    {
        build.Should().Throw<ArgumentOutOfRangeException>().Where(exception => exception.ParamName == parameter);
    }
}
