using System.Diagnostics.CodeAnalysis;
using System.Net;
using Oicp.Client.Diagnostics;
using static System.FormattableString;

namespace Oicp.Client;

/// <summary>
/// What Hubject (or the network) answered to one push. Every answer becomes a result; only
/// cancellation and programmer errors throw. Success means HTTP 200 with an acknowledgement whose
/// Result is <c>true</c> and whose code is <c>000</c>: a 200 with Result <c>false</c> is a failure.
/// </summary>
/// <remarks>
/// Results are immutable, and only the SDK and <see cref="OicpModelFactory.PushResult"/> build them: neither
/// builds a success without Result <c>true</c> and code <c>000</c>. To fake an answer in tests of your own
/// code (for example in a fake <see cref="IEvseStatusPusher"/>), use the model factory.
/// </remarks>
public sealed class PushResult
{
    internal PushResult()
    {
    }

    /// <summary>A result of the SDK's, with what it records of the attempt it comes from.</summary>
    internal PushResult(Pushing.Internal.PushAttempt attempt)
    {
        ActionType = attempt.ActionType;
        RecordCount = attempt.RecordCount;
        Attempts = attempt.Number;
        Elapsed = attempt.Elapsed;
    }

    /// <summary>Gets a value indicating whether Hubject accepted the push (Result <c>true</c> and code <c>000</c>).</summary>
    [MemberNotNullWhen(true, nameof(OicpCode))]
    public bool IsSuccess => FailureKind == PushFailureKind.None && OicpCode is not null;

    /// <summary>Gets why the push failed, or <see cref="PushFailureKind.None"/> on success.</summary>
    public PushFailureKind FailureKind { get; internal init; }

    /// <summary>Gets the action type that was pushed.</summary>
    public ActionType ActionType { get; internal init; }

    /// <summary>Gets the number of records the request carried.</summary>
    public int RecordCount { get; internal init; }

    /// <summary>Gets the acknowledgement's Result flag, or <see langword="null"/> when no acknowledgement was read.</summary>
    public bool? AcknowledgmentResult { get; internal init; }

    /// <summary>Gets the OICP status code of the acknowledgement (its <c>StatusCode.Code</c>, also for 401/404 answers that carry one), or <see langword="null"/> when none was read.</summary>
    public OicpStatusCode? OicpCode { get; internal init; }

    /// <summary>Gets the acknowledgement's StatusCode.Description as Hubject sent it.</summary>
    public string? Description { get; internal init; }

    /// <summary>Gets the acknowledgement's StatusCode.AdditionalInfo (for insert/update failures it names the records).</summary>
    public string? AdditionalInfo { get; internal init; }

    /// <summary>Gets the Hubject SessionID of the acknowledgement.</summary>
    public string? SessionId { get; internal init; }

    /// <summary>Gets the CPOPartnerSessionID of the acknowledgement.</summary>
    public string? CpoPartnerSessionId { get; internal init; }

    /// <summary>Gets the EMPPartnerSessionID of the acknowledgement.</summary>
    public string? EmpPartnerSessionId { get; internal init; }

    /// <summary>Gets the HTTP status of the last answer, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? HttpStatusCode { get; internal init; }

    /// <summary>Gets Hubject's <c>Process-ID</c> response header: quote it in support tickets.</summary>
    public string? ProcessId { get; internal init; }

    /// <summary>Gets the <c>message</c> of an HTTP 400 fault body.</summary>
    public string? FaultMessage { get; internal init; }

    /// <summary>Gets the <c>validationErrors</c> of an HTTP 400 fault body; empty otherwise.</summary>
    public IReadOnlyList<OicpValidationError> ValidationErrors { get; internal init; } = [];

    /// <summary>Gets a readable explanation of a transport failure, an unreadable response or an unexpected HTTP answer.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>Gets the exception behind a transport failure or an unreadable response, for diagnostics.</summary>
    public Exception? Exception { get; internal init; }

    /// <summary>Gets a value indicating whether the push failed because no answer arrived within the request timeout.</summary>
    public bool IsTimeout { get; internal init; }

    /// <summary>Gets the delay the server asked for with a <c>Retry-After</c> header (HTTP 429 or 503), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>Gets how many HTTP requests were made for this push (1 without retries).</summary>
    public int Attempts { get; internal init; } = 1;

    /// <summary>Gets the time from the first attempt to the final answer, measured with the configured <see cref="TimeProvider"/>.</summary>
    public TimeSpan Elapsed { get; internal init; }

    /// <summary>
    /// Gets a value indicating whether the failure may pass if the same request is sent again:
    /// transport failures, HTTP 408, 429 and 5xx, and the transient OICP codes (see <see cref="OicpStatusCode.IsTransient"/>).
    /// </summary>
    public bool IsTransientFailure => FailureKind switch
    {
        PushFailureKind.None => false,
        PushFailureKind.TransportFailure => true,
        PushFailureKind.Rejected => OicpCode?.IsTransient == true,
        PushFailureKind.HttpError => HttpStatusCode is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests
            or >= System.Net.HttpStatusCode.InternalServerError,
        _ => false,
    };

    /// <summary>The success rule: Result true AND code 000; anything else Hubject acknowledged is a rejection.</summary>
    internal static PushFailureKind FailureKindOf(bool result, OicpStatusCode statusCode) =>
        result && statusCode.IsSuccess ? PushFailureKind.None : PushFailureKind.Rejected;

    /// <summary>Returns this result when it is a success; throws otherwise.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="OicpException">The push did not succeed; the exception carries this result.</exception>
    public PushResult EnsureSuccess() => IsSuccess ? this : throw new OicpException(this);

    /// <summary>
    /// Returns a one-line summary, for logs and exception messages. Control characters in what Hubject sent (a
    /// line break or an ANSI escape in AdditionalInfo) are written as escapes (<c>\n</c>, <c>\u001B</c>), so the
    /// summary stays one line and cannot forge log lines.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        string?[] parts =
        [
            Invariant($"{ActionType.ToWireString()} of {RecordCount} record(s): {(IsSuccess ? "success" : FailureKind.ToString())}"),
            HttpStatusCode is { } http ? Invariant($", HTTP {(int)http}") : null,
            OicpCode is { } code ? $", code {code.Code}{(code.Description is { } standard ? " " + standard : null)}" : null,

            // The code's own text is already printed with it; repeat Hubject's text only when it adds something.
            !string.IsNullOrEmpty(Description) && Description != OicpCode?.Description ? $", \"{Description}\"" : null,
            string.IsNullOrEmpty(AdditionalInfo) ? null : $" ({AdditionalInfo})",
            .. ValidationErrors.Select(error => $", {error.FieldReference}: {error.ErrorMessage}"),
            string.IsNullOrEmpty(ErrorMessage) ? null : $", {ErrorMessage}",
            string.IsNullOrEmpty(ProcessId) ? null : $", Process-ID {ProcessId}",
            Attempts > 1 ? Invariant($", {Attempts} attempts") : null,
        ];
        return ControlCharacters.Escape(string.Concat(parts))!;
    }
}
