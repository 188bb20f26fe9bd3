namespace Oicp.Client.Testing;

/// <summary>One request the emulator received, and how it answered.</summary>
public sealed class EmulatorRequest
{
    internal EmulatorRequest(
        long sequence,
        DateTimeOffset receivedAt,
        string path,
        OperatorId? operatorId,
        ActionType? actionType,
        int? recordCount,
        int httpStatus,
        OicpStatusCode? statusCode,
        EmulatorFaultKind? fault,
        string processId,
        string body,
        int bodyBytes)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Path = path;
        OperatorId = operatorId;
        ActionType = actionType;
        RecordCount = recordCount;
        HttpStatus = httpStatus;
        StatusCode = statusCode;
        Fault = fault;
        ProcessId = processId;
        Body = body;
        BodyBytes = bodyBytes;
    }

    /// <summary>
    /// Gets the request's number, counting from 1 in the order requests reached the emulator (before their
    /// round trip, see <see cref="OicpEmulatorOptions.RoundTripTime"/>). A request cancelled during the first
    /// half of its round trip was never handled: its number is not in the log.
    /// </summary>
    public long Sequence { get; }

    /// <summary>Gets when the emulator began handling the request (after the first half of the round-trip time), on the emulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the request path as sent (percent-encoding kept), for example <c>/api/oicp/evsepush/v21/operators/DE*ABC/status-records</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the OperatorID of the path, when it was valid.</summary>
    public OperatorId? OperatorId { get; }

    /// <summary>Gets the ActionType of the body, when the body was read and valid.</summary>
    public ActionType? ActionType { get; }

    /// <summary>Gets how many records the body carried, when it was read and valid.</summary>
    public int? RecordCount { get; }

    /// <summary>Gets the HTTP status answered, or 0 when the connection was dropped.</summary>
    public int HttpStatus { get; }

    /// <summary>Gets the OICP status code of the acknowledgement answered, if any.</summary>
    public OicpStatusCode? StatusCode { get; }

    /// <summary>Gets the fault that replaced the normal answer, if any.</summary>
    public EmulatorFaultKind? Fault { get; }

    /// <summary>Gets the <c>Process-ID</c> header answered (empty when the connection was dropped).</summary>
    public string ProcessId { get; }

    /// <summary>Gets the request body as text (empty when the request was answered before its body was read, or refused as too large).</summary>
    public string Body { get; }

    /// <summary>Gets the body's size as received, counted against <see cref="OicpEmulatorOptions.MaxRequestLogBodyBytes"/>.</summary>
    internal int BodyBytes { get; }

    /// <summary>Gets a value indicating whether the answer was a success: HTTP 200 with code 000.</summary>
    public bool IsSuccess => HttpStatus == 200 && StatusCode is { IsSuccess: true } && Fault is null or EmulatorFaultKind.Delay;
}
