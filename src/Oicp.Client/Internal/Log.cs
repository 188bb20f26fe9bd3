using Microsoft.Extensions.Logging;

namespace Oicp.Client.Internal;

/// <summary>Every log message of the SDK. Bodies, certificates, keys and passwords are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Pushing {ActionType} of {RecordCount} EVSE status record(s) for operator {OperatorId}")]
    public static partial void PushSending(ILogger logger, string actionType, int recordCount, string operatorId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Hubject accepted {ActionType} of {RecordCount} record(s) (code {Code}, Process-ID {ProcessId}) in {ElapsedMilliseconds} ms")]
    public static partial void PushSucceeded(ILogger logger, string actionType, int recordCount, string code, string? processId, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Hubject refused {ActionType} of {RecordCount} record(s): HTTP {HttpStatus}, code {Code} '{Description}', additional info '{AdditionalInfo}', Process-ID {ProcessId}")]
    public static partial void PushRejected(ILogger logger, string actionType, int recordCount, int? httpStatus, string? code, string? description, string? additionalInfo, string? processId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Push of {ActionType} ({RecordCount} record(s)) failed: {FailureKind}, HTTP {HttpStatus}: {ErrorMessage}")]
    public static partial void PushFailed(ILogger logger, string actionType, int recordCount, PushFailureKind failureKind, int? httpStatus, string? errorMessage);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Retrying {ActionType} after attempt {Attempt} failed ({FailureKind}, HTTP {HttpStatus}, code {Code}) in {DelayMilliseconds} ms")]
    public static partial void PushRetrying(ILogger logger, string actionType, int attempt, PushFailureKind failureKind, int? httpStatus, string? code, long delayMilliseconds);
}
