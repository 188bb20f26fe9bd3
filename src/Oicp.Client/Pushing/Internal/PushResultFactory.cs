using System.Net;
using System.Text.Json;
using Oicp.Client.Transport;

namespace Oicp.Client.Pushing.Internal;

/// <summary>Turns whatever the generated client returned or threw into a <see cref="PushResult"/> ("parse permissively").</summary>
internal static class PushResultFactory
{
    private const string ProcessIdHeader = "Process-ID";
    private const int MaxBodyExcerpt = 200;

    public static PushResult FromResponse(PushAttempt attempt, OicpResponse<Acknowledgment> response)
    {
        var processId = FindProcessId(response.Headers);
        var ack = response.Result;
        if (ack.StatusCode?.Code is not { } code)
        {
            return new PushResult(attempt)
            {
                FailureKind = PushFailureKind.UnreadableResponse,
                AcknowledgmentResult = ack.Result,
                HttpStatusCode = (HttpStatusCode)response.StatusCode,
                ProcessId = processId,
                ErrorMessage = "The acknowledgement has no StatusCode.Code, so success cannot be confirmed.",
            };
        }

        var statusCode = OicpStatusCode.FromWire(code);
        return FromAcknowledgment(attempt, ack, statusCode, PushResult.FailureKindOf(ack.Result, statusCode), (HttpStatusCode)response.StatusCode, processId, retryAfter: null, errorMessage: null);
    }

    public static PushResult FromResponseTooLarge(PushAttempt attempt, ResponseTooLargeException exception) => new(attempt)
    {
        FailureKind = exception.Status == HttpStatusCode.OK ? PushFailureKind.UnreadableResponse : PushFailureKind.HttpError,
        HttpStatusCode = exception.Status,
        Exception = exception,
        ErrorMessage = exception.Message,
    };

    public static PushResult FromApiException(PushAttempt attempt, OicpApiException exception, DateTimeOffset now)
    {
        var status = (HttpStatusCode)exception.StatusCode;
        var processId = FindProcessId(exception.Headers);
        var retryAfter = FindRetryAfter(exception.Headers, now);
        switch (exception)
        {
            case OicpApiException<ValidationFault> fault:
                return new PushResult(attempt)
                {
                    FailureKind = PushFailureKind.HttpError,
                    HttpStatusCode = status,
                    ProcessId = processId,
                    RetryAfter = retryAfter,
                    FaultMessage = fault.Result.Message,
                    ValidationErrors = fault.Result.ValidationErrors?
                        .Where(error => error is not null)
                        .Select(error => new OicpValidationError(error.FieldReference, error.ErrorMessage))
                        .ToArray() ?? [],
                    ErrorMessage = JoinNonEmpty("Hubject refused the request as invalid", fault.Result.Message, fault.Result.ExtendedInfo),
                };

            case OicpApiException<Acknowledgment> answer:
                var code = answer.Result.StatusCode?.Code is { } text ? OicpStatusCode.FromWire(text) : (OicpStatusCode?)null;
                return FromAcknowledgment(attempt, answer.Result, code, PushFailureKind.HttpError, status, processId, retryAfter, $"HTTP {(int)status} {status}");

            default:
                var detail = (int)status is >= 300 and < 400
                    ? Redirect(exception.Headers)
                    : Excerpt(exception.Response);
                return Unreadable(attempt, status, processId, retryAfter, exception.InnerException ?? exception, detail);
        }
    }

    /// <summary>An answer whose headers arrived but whose body could not be read (the exception says why).</summary>
    public static PushResult FromUnreadableAnswer(PushAttempt attempt, ResponseBodyException exception, DateTimeOffset now)
    {
        var headers = exception.Headers.NonValidated.ToDictionary(header => header.Key, header => (IEnumerable<string>)header.Value, StringComparer.OrdinalIgnoreCase);
        return Unreadable(attempt, exception.Status, FindProcessId(headers), FindRetryAfter(headers, now), exception.InnerException ?? exception, "its body could not be read: " + Describe(exception));
    }

    public static PushResult FromTransportFailure(PushAttempt attempt, Exception exception, bool isHttps) => new(attempt)
    {
        FailureKind = PushFailureKind.TransportFailure,
        Exception = exception,
        ErrorMessage = DescribeTransport(exception, isHttps),
    };

    /// <summary>No answer within the attempt's <c>RequestTimeout</c>, or, when nothing was answered at all, within the push's <c>TotalBudget</c>.</summary>
    public static PushResult FromTimeout(PushAttempt attempt, TimeSpan timeout, bool totalBudget) => new(attempt)
    {
        FailureKind = PushFailureKind.TransportFailure,
        IsTimeout = true,
        ErrorMessage = totalBudget
            ? $"No answer within the total budget of {timeout.TotalSeconds:0.###} s (Retry.TotalBudget)."
            : $"No answer within the request timeout of {timeout.TotalSeconds:0.###} s.",
    };

    /// <summary>
    /// An answer without a readable acknowledgement: a 200 is unreadable (the push may have been applied), any other
    /// status an HTTP error, transient or not by its status (a 503 page is retried whatever its body).
    /// </summary>
    private static PushResult Unreadable(PushAttempt attempt, HttpStatusCode status, string? processId, TimeSpan? retryAfter, Exception exception, string? detail)
    {
        var is200 = status == HttpStatusCode.OK;
        return new PushResult(attempt)
        {
            FailureKind = is200 ? PushFailureKind.UnreadableResponse : PushFailureKind.HttpError,
            HttpStatusCode = status,
            ProcessId = processId,
            RetryAfter = retryAfter,
            Exception = exception,
            ErrorMessage = is200
                ? "HTTP 200 without a readable acknowledgement: " + Describe(exception)
                : JoinNonEmpty($"HTTP {(int)status} {status}", detail),
        };
    }

    /// <summary>
    /// Names where a 3xx pointed. The SDK never follows a redirect: 301/302/303 would turn the POST into a GET whose
    /// answer could pass for an acknowledgement, 307/308 would send the statuses and the client certificate to another host.
    /// </summary>
    private static string Redirect(IReadOnlyDictionary<string, IEnumerable<string>> headers) =>
        FindHeader(headers, "Location") is { } location
            ? $"a redirect to {location}, not followed: check BaseAddress"
            : "a redirect without a Location, not followed: check BaseAddress";

    /// <summary>An acknowledgement read from the body, whether it came with HTTP 200 or with 401/404.</summary>
    private static PushResult FromAcknowledgment(
        PushAttempt attempt,
        Acknowledgment ack,
        OicpStatusCode? statusCode,
        PushFailureKind failureKind,
        HttpStatusCode status,
        string? processId,
        TimeSpan? retryAfter,
        string? errorMessage) => new(attempt)
        {
            FailureKind = failureKind,
            AcknowledgmentResult = ack.Result,
            OicpCode = statusCode,
            Description = ack.StatusCode?.Description,
            AdditionalInfo = ack.StatusCode?.AdditionalInfo,
            SessionId = ack.SessionID,
            CpoPartnerSessionId = ack.CPOPartnerSessionID,
            EmpPartnerSessionId = ack.EMPPartnerSessionID,
            HttpStatusCode = status,
            ProcessId = processId,
            RetryAfter = retryAfter,
            ErrorMessage = errorMessage,
        };

    private static string DescribeTransport(Exception exception, bool isHttps)
    {
        var message = Describe(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Security.Authentication.AuthenticationException)
            {
                return "TLS handshake failed: " + message;
            }

            // With TLS 1.3 the server checks the client certificate after the client's side of the
            // handshake is done, so a refusal arrives as a connection closed without an answer.
            if (isHttps && current is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return message + " The server closed the connection without answering; over mutual TLS this is how a missing, expired or unrecognised client certificate is refused.";
            }
        }

        return message;
    }

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost is JsonException
            ? "the body is not valid JSON for an acknowledgement (" + innermost.Message + ")"
            : innermost.Message;
    }

    private static string? FindProcessId(IReadOnlyDictionary<string, IEnumerable<string>> headers) => FindHeader(headers, ProcessIdHeader);

    /// <summary>Reads Retry-After as delta-seconds or as an HTTP date.</summary>
    private static TimeSpan? FindRetryAfter(IReadOnlyDictionary<string, IEnumerable<string>> headers, DateTimeOffset now)
    {
        var value = FindHeader(headers, "Retry-After");
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }

    /// <summary>The first value of a header, by its name in any case (both the generated client's headers and ours compare names without case).</summary>
    private static string? FindHeader(IReadOnlyDictionary<string, IEnumerable<string>> headers, string header) =>
        headers.TryGetValue(header, out var values) ? values.FirstOrDefault() : null;

    private static string? Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.Trim();
        return trimmed.Length <= MaxBodyExcerpt ? trimmed : string.Concat(trimmed.AsSpan(0, MaxBodyExcerpt), "…");
    }

    private static string JoinNonEmpty(string head, params string?[] parts)
    {
        var rest = parts.Where(part => !string.IsNullOrWhiteSpace(part));
        return string.Join(": ", rest.Prepend(head));
    }
}
