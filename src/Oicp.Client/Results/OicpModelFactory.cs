using System.Net;
using Oicp.Client.Publishing;

namespace Oicp.Client;

/// <summary>
/// Builds the SDK's results for test doubles of your own code (a fake <see cref="IEvseStatusPusher"/> or
/// <see cref="IEvseStatusPublisher"/>), as the SDK would. Every value is optional; a combination the SDK
/// never produces (a success without code <c>000</c>, a transport failure with an HTTP status...) is refused
/// with an <see cref="ArgumentException"/> that names the parameter, so a double cannot lie about what Hubject said.
/// </summary>
public static class OicpModelFactory
{
    /// <summary>Builds a <see cref="Client.PushResult"/> for test doubles of your own code.</summary>
    /// <param name="failureKind">Why the push failed; <see cref="PushFailureKind.None"/> for a success, which needs <paramref name="acknowledgmentResult"/> <see langword="true"/> and <paramref name="oicpCode"/> <c>000</c>.</param>
    /// <param name="actionType">The action type that was pushed.</param>
    /// <param name="recordCount">The number of records the request carried; not negative.</param>
    /// <param name="acknowledgmentResult">The acknowledgement's Result flag; required for <see cref="PushFailureKind.None"/> and <see cref="PushFailureKind.Rejected"/>, absent for a transport failure.</param>
    /// <param name="oicpCode">The acknowledgement's status code; required for <see cref="PushFailureKind.None"/> and <see cref="PushFailureKind.Rejected"/>, absent for a transport failure or an unreadable response.</param>
    /// <param name="description">The acknowledgement's StatusCode.Description.</param>
    /// <param name="additionalInfo">The acknowledgement's StatusCode.AdditionalInfo.</param>
    /// <param name="sessionId">The acknowledgement's SessionID.</param>
    /// <param name="cpoPartnerSessionId">The acknowledgement's CPOPartnerSessionID.</param>
    /// <param name="empPartnerSessionId">The acknowledgement's EMPPartnerSessionID.</param>
    /// <param name="httpStatusCode">The HTTP status of the answer: 200 (or left out) for a success, a rejection or an unreadable response; required and not 200 for <see cref="PushFailureKind.HttpError"/>; absent for a transport failure.</param>
    /// <param name="processId">The <c>Process-ID</c> response header.</param>
    /// <param name="faultMessage">The <c>message</c> of an HTTP 400 fault body; only with <see cref="PushFailureKind.HttpError"/>.</param>
    /// <param name="validationErrors">The <c>validationErrors</c> of an HTTP 400 fault body; only with <see cref="PushFailureKind.HttpError"/>; empty when left out.</param>
    /// <param name="errorMessage">A readable explanation of the failure.</param>
    /// <param name="exception">The exception behind a transport failure or an unreadable response.</param>
    /// <param name="isTimeout">Whether no answer arrived within the request timeout; only with <see cref="PushFailureKind.TransportFailure"/>.</param>
    /// <param name="retryAfter">The delay a <c>Retry-After</c> header asked for; not negative.</param>
    /// <param name="attempts">How many HTTP requests were made; at least 1.</param>
    /// <param name="elapsed">The time from the first attempt to the final answer; not negative.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A value is out of range, or contradicts <paramref name="failureKind"/>; the exception names the parameter.</exception>
    public static PushResult PushResult(
        PushFailureKind failureKind = PushFailureKind.None,
        ActionType actionType = ActionType.Update,
        int recordCount = 1,
        bool? acknowledgmentResult = null,
        OicpStatusCode? oicpCode = null,
        string? description = null,
        string? additionalInfo = null,
        string? sessionId = null,
        string? cpoPartnerSessionId = null,
        string? empPartnerSessionId = null,
        HttpStatusCode? httpStatusCode = null,
        string? processId = null,
        string? faultMessage = null,
        IEnumerable<OicpValidationError>? validationErrors = null,
        string? errorMessage = null,
        Exception? exception = null,
        bool isTimeout = false,
        TimeSpan? retryAfter = null,
        int attempts = 1,
        TimeSpan elapsed = default)
    {
        RequireDefined(failureKind, nameof(failureKind));
        RequireDefined(actionType, nameof(actionType));
        ArgumentOutOfRangeException.ThrowIfNegative(recordCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter ?? TimeSpan.Zero, TimeSpan.Zero, nameof(retryAfter));

        var errors = validationErrors?.ToArray() ?? [];
        RequireAnswerFits(failureKind, acknowledgmentResult, oicpCode, httpStatusCode);
        Require(
            !isTimeout || failureKind == PushFailureKind.TransportFailure,
            "isTimeout true means no answer arrived: failureKind must be TransportFailure.",
            nameof(isTimeout));
        Require(
            faultMessage is null || failureKind == PushFailureKind.HttpError,
            "faultMessage comes from an HTTP 400 fault body: failureKind must be HttpError.",
            nameof(faultMessage));
        Require(
            errors.Length == 0 || failureKind == PushFailureKind.HttpError,
            "validationErrors come from an HTTP 400 fault body: failureKind must be HttpError.",
            nameof(validationErrors));

        return new PushResult
        {
            FailureKind = failureKind,
            ActionType = actionType,
            RecordCount = recordCount,
            AcknowledgmentResult = acknowledgmentResult,
            OicpCode = oicpCode,
            Description = description,
            AdditionalInfo = additionalInfo,
            SessionId = sessionId,
            CpoPartnerSessionId = cpoPartnerSessionId,
            EmpPartnerSessionId = empPartnerSessionId,
            HttpStatusCode = httpStatusCode,
            ProcessId = processId,
            FaultMessage = faultMessage,
            ValidationErrors = errors,
            ErrorMessage = errorMessage,
            Exception = exception,
            IsTimeout = isTimeout,
            RetryAfter = retryAfter,
            Attempts = attempts,
            Elapsed = elapsed,
        };
    }

    /// <summary>Builds an <see cref="Publishing.EvseStatusPublisherHealth"/> for test doubles of your own code (a fake <see cref="IEvseStatusPublisher"/>, a health check).</summary>
    /// <param name="isRunning">Whether the background loop runs.</param>
    /// <param name="pendingCount">How many EVSEs have a status waiting; not negative.</param>
    /// <param name="oldestPendingAge">How long the oldest waiting status has waited; not negative, and zero when <paramref name="pendingCount"/> is 0.</param>
    /// <param name="lastSuccessAt">When Hubject last acknowledged a request.</param>
    /// <param name="lastFailureAt">When a request last failed; required when <paramref name="lastFailure"/> or <paramref name="consecutiveFailures"/> says one did.</param>
    /// <param name="lastFailure">The last failed answer; not a success.</param>
    /// <param name="consecutiveFailures">How many requests in a row failed; not negative.</param>
    /// <param name="isOperatorRefused">Whether the last answer refused the operator; needs at least one failure in <paramref name="consecutiveFailures"/>.</param>
    /// <param name="lastFullLoadAt">When Hubject last acknowledged a fullLoad; required when <paramref name="lastFullLoadResult"/> is a success.</param>
    /// <param name="lastFullLoadResult">The answer to the last fullLoad; its action type is <see cref="ActionType.FullLoad"/>.</param>
    /// <param name="roundTrip">The measured round trip of one request; not negative.</param>
    /// <param name="failingSince">When the failures in a row began; required when <paramref name="consecutiveFailures"/> is at least 1, and not after <paramref name="lastFailureAt"/>.</param>
    /// <param name="startedAt">When the publisher started, if it did.</param>
    /// <returns>The health figures.</returns>
    /// <exception cref="ArgumentException">A value is out of range, or contradicts another; the exception names the parameter.</exception>
    public static EvseStatusPublisherHealth EvseStatusPublisherHealth(
        bool isRunning = false,
        int pendingCount = 0,
        TimeSpan oldestPendingAge = default,
        DateTimeOffset? lastSuccessAt = null,
        DateTimeOffset? lastFailureAt = null,
        PushResult? lastFailure = null,
        int consecutiveFailures = 0,
        bool isOperatorRefused = false,
        DateTimeOffset? lastFullLoadAt = null,
        PushResult? lastFullLoadResult = null,
        TimeSpan? roundTrip = null,
        DateTimeOffset? failingSince = null,
        DateTimeOffset? startedAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pendingCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldestPendingAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(consecutiveFailures);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip ?? TimeSpan.Zero, TimeSpan.Zero, nameof(roundTrip));

        Require(pendingCount > 0 || oldestPendingAge == TimeSpan.Zero, "oldestPendingAge is zero when nothing waits (pendingCount 0).", nameof(oldestPendingAge));
        Require(lastFailure is not { IsSuccess: true }, "lastFailure must be a failed result, not a success.", nameof(lastFailure));
        Require(
            lastFailureAt is not null || (lastFailure is null && consecutiveFailures == 0),
            "A failure happened (lastFailure or consecutiveFailures says so): lastFailureAt must say when.",
            nameof(lastFailureAt));
        Require(!isOperatorRefused || consecutiveFailures > 0, "isOperatorRefused true means the last request failed: consecutiveFailures must be at least 1.", nameof(isOperatorRefused));
        Require(
            lastFullLoadResult is null || lastFullLoadResult.ActionType == ActionType.FullLoad,
            "lastFullLoadResult must be the answer to a fullLoad (ActionType.FullLoad).",
            nameof(lastFullLoadResult));
        Require(
            lastFullLoadResult is not { IsSuccess: true } || lastFullLoadAt is not null,
            "The last fullLoad succeeded (lastFullLoadResult): lastFullLoadAt must say when.",
            nameof(lastFullLoadAt));

        Require(
            consecutiveFailures == 0 ? failingSince is null : failingSince is { } since && since <= lastFailureAt,
            "failingSince is when the failures in a row began: set, and not after lastFailureAt, exactly when consecutiveFailures is at least 1.",
            nameof(failingSince));

        return new EvseStatusPublisherHealth(
            isRunning, pendingCount, oldestPendingAge, lastSuccessAt, lastFailureAt, lastFailure, consecutiveFailures, failingSince, isOperatorRefused, lastFullLoadAt, lastFullLoadResult, roundTrip, startedAt);
    }

    /// <summary>The combinations of acknowledgement and HTTP status each failure kind can come with (see <see cref="PushFailureKind"/>).</summary>
    private static void RequireAnswerFits(PushFailureKind failureKind, bool? acknowledgmentResult, OicpStatusCode? oicpCode, HttpStatusCode? httpStatusCode)
    {
        var isOk = httpStatusCode is null or HttpStatusCode.OK;
        var isSuccessAnswer = acknowledgmentResult == true && oicpCode is { IsSuccess: true };
        switch (failureKind)
        {
            case PushFailureKind.None:
                Require(acknowledgmentResult == true, "A success (failureKind None) needs acknowledgmentResult true.", nameof(acknowledgmentResult));
                Require(oicpCode is { IsSuccess: true }, "A success (failureKind None) needs oicpCode 000.", nameof(oicpCode));
                Require(isOk, "A success (failureKind None) is answered with HTTP 200.", nameof(httpStatusCode));
                break;

            case PushFailureKind.Rejected:
                Require(acknowledgmentResult is not null, "A rejection is an acknowledgement: acknowledgmentResult is required.", nameof(acknowledgmentResult));
                Require(oicpCode is not null, "A rejection is an acknowledgement: oicpCode is required.", nameof(oicpCode));
                Require(!isSuccessAnswer, "Result true with code 000 is a success: failureKind must be None.", nameof(failureKind));
                Require(isOk, "A rejection is answered with HTTP 200; another status is failureKind HttpError.", nameof(httpStatusCode));
                break;

            case PushFailureKind.HttpError:
                Require(!isOk, "An HTTP error (failureKind HttpError) needs an httpStatusCode other than 200.", nameof(httpStatusCode));
                break;

            case PushFailureKind.TransportFailure:
                Require(httpStatusCode is null, "A transport failure means no answer arrived: httpStatusCode must be null.", nameof(httpStatusCode));
                Require(acknowledgmentResult is null, "A transport failure means no answer arrived: acknowledgmentResult must be null.", nameof(acknowledgmentResult));
                Require(oicpCode is null, "A transport failure means no answer arrived: oicpCode must be null.", nameof(oicpCode));
                break;

            default:
                Require(isOk, "An unreadable response is an HTTP 200 whose body is not an acknowledgement; another status is failureKind HttpError.", nameof(httpStatusCode));
                Require(oicpCode is null, "An unreadable response has no code that could be trusted: oicpCode must be null.", nameof(oicpCode));
                break;
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string paramName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is not a defined {typeof(TEnum).Name} value.");
        }
    }

    private static void Require(bool condition, string message, string paramName)
    {
        if (!condition)
        {
            throw new ArgumentException(message, paramName);
        }
    }
}
