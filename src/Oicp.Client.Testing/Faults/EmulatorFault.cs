using System.Globalization;

namespace Oicp.Client.Testing;

/// <summary>
/// A scripted answer that replaces the emulator's normal one, queued with
/// <see cref="EmulatorFaultQueue.Enqueue(EmulatorFault)"/>. Except for <see cref="Delay"/>, a faulted
/// request never changes the emulator's state.
/// </summary>
public sealed class EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind) => Kind = kind;

    /// <summary>Gets what the fault does.</summary>
    public EmulatorFaultKind Kind { get; private init; }

    /// <summary>Gets the HTTP status answered, or 0 for <see cref="EmulatorFaultKind.Delay"/> and <see cref="EmulatorFaultKind.DropConnection"/>.</summary>
    public int HttpStatus { get; private init; }

    /// <summary>Gets the wait of a <see cref="EmulatorFaultKind.Delay"/> fault.</summary>
    public TimeSpan DelayTime { get; private init; }

    /// <summary>Gets the <c>Retry-After</c> of a <see cref="EmulatorFaultKind.TooManyRequests"/> fault, if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Gets the OICP status code of a <see cref="EmulatorFaultKind.Rejected"/> fault.</summary>
    public OicpStatusCode? StatusCode { get; private init; }

    /// <summary>Gets the StatusCode.Description of a <see cref="EmulatorFaultKind.Rejected"/> fault.</summary>
    public string? Description { get; private init; }

    /// <summary>Gets the content type answered, if the fault has a body.</summary>
    public string? ContentType { get; private init; }

    /// <summary>Gets the body answered, if the fault has a body.</summary>
    public string? Body { get; private init; }

    /// <summary>Gets the operator the fault is limited to, or <see langword="null"/> when it applies to the next request of any operator.</summary>
    public OperatorId? OperatorId { get; private init; }

    /// <summary>Answers with an HTTP status and an empty body.</summary>
    /// <param name="httpStatus">The status, for example 500 or 503.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="httpStatus"/> is not between 100 and 599.</exception>
    public static EmulatorFault Status(int httpStatus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(httpStatus, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(httpStatus, 599);
        return new(EmulatorFaultKind.Status) { HttpStatus = httpStatus };
    }

    /// <summary>Answers HTTP 408 Request Timeout, as Hubject's gateway does during a server rotation.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault Timeout408() => new(EmulatorFaultKind.Timeout408) { HttpStatus = 408 };

    /// <summary>Answers HTTP 429 Too Many Requests.</summary>
    /// <param name="retryAfter">The <c>Retry-After</c> header (whole seconds, rounded up); none when <see langword="null"/>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault TooManyRequests(TimeSpan? retryAfter = null) =>
        new(EmulatorFaultKind.TooManyRequests) { HttpStatus = 429, RetryAfter = retryAfter };

    /// <summary>Waits, then answers normally. The wait runs on the emulator's <see cref="TimeProvider"/>, so a fake clock controls it.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static EmulatorFault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(EmulatorFaultKind.Delay) { DelayTime = delay };
    }

    /// <summary>Aborts the connection without an answer. Through <see cref="OicpEmulator.CreateHandler"/> the request throws <see cref="HttpRequestException"/>.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropConnection() => new(EmulatorFaultKind.DropConnection);

    /// <summary>Answers HTTP 200 with an acknowledgement whose Result is <c>false</c>.</summary>
    /// <param name="code">The OICP status code, for example <see cref="OicpStatusCode.HubjectSystemError"/>.</param>
    /// <param name="description">The StatusCode.Description; the code's standard description when <see langword="null"/>.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Rejected(OicpStatusCode code, string? description = null) =>
        new(EmulatorFaultKind.Rejected) { HttpStatus = 200, StatusCode = code, Description = description ?? code.Description };

    /// <summary>Answers HTTP 200 with <c>application/json</c> that is cut off in the middle.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault MalformedJson() =>
        new(EmulatorFaultKind.MalformedJson) { HttpStatus = 200, ContentType = "application/json", Body = """{"Result":true,"StatusCode":{"Code":"00""" };

    /// <summary>Answers HTTP 403 with an HTML page, as a firewall or the IP allow-list does.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault Html403() => new(EmulatorFaultKind.Html403)
    {
        HttpStatus = 403,
        ContentType = "text/html; charset=utf-8",
        Body = "<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>Access denied by the firewall.</p></body></html>",
    };

    /// <summary>Answers with exactly the given status, content type and body.</summary>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="contentType">The content type, for example <c>text/plain</c>.</param>
    /// <param name="body">The body.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="httpStatus"/> is not between 100 and 599.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> or <paramref name="body"/> is <see langword="null"/>.</exception>
    public static EmulatorFault Raw(int httpStatus, string contentType, string body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(httpStatus, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(httpStatus, 599);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        return new(EmulatorFaultKind.Raw) { HttpStatus = httpStatus, ContentType = contentType, Body = body };
    }

    /// <summary>Returns a copy of this fault that applies only to requests for <paramref name="operatorId"/> (the OperatorID of the URL path).</summary>
    /// <param name="operatorId">The operator.</param>
    /// <returns>The scoped fault.</returns>
    public EmulatorFault ForOperator(OperatorId operatorId)
    {
        if (operatorId.IsEmpty)
        {
            throw new ArgumentException("The operator must not be the default (empty) OperatorId.", nameof(operatorId));
        }

        return new(Kind)
        {
            HttpStatus = HttpStatus,
            DelayTime = DelayTime,
            RetryAfter = RetryAfter,
            StatusCode = StatusCode,
            Description = Description,
            ContentType = ContentType,
            Body = Body,
            OperatorId = operatorId,
        };
    }

    /// <summary>Describes the fault.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = Kind switch
        {
            EmulatorFaultKind.Delay => string.Create(CultureInfo.InvariantCulture, $"Delay {DelayTime}"),
            EmulatorFaultKind.DropConnection => "DropConnection",
            EmulatorFaultKind.Rejected => StatusCode is { Description: { } standard } code ? $"Rejected {code.Code} {standard}" : $"Rejected {StatusCode?.Code}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{Kind} HTTP {HttpStatus}"),
        };
        return OperatorId is { } scope ? $"{text} for {scope}" : text;
    }
}
