using Microsoft.Extensions.Logging;

namespace Oicp.Client.Diagnostics;

/// <summary>
/// Every log message of the SDK. Bodies, certificates, keys and passwords are never logged; text from outside
/// (answers, exception messages, certificate subjects) is logged with its control characters escaped.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Pushing {ActionType} of {RecordCount} EVSE status record(s) for operator {OperatorId}")]
    public static partial void PushSending(ILogger logger, string actionType, int recordCount, string operatorId);

    // Text that comes from Hubject's answers (codes, descriptions, Process-IDs, error pages, exception messages) is
    // written with its control characters escaped (see ControlCharacters): a line break or an ANSI escape in an
    // AdditionalInfo must not forge a log line or drive the operator's terminal.
    // A success is the common case: its text is escaped only when the message is written.
    public static void PushSucceeded(ILogger logger, string actionType, int recordCount, string code, string? processId, long elapsedMilliseconds)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            WritePushSucceeded(logger, actionType, recordCount, Escape(code)!, Escape(processId), elapsedMilliseconds);
        }
    }

    public static void PushRejected(ILogger logger, string actionType, int recordCount, int? httpStatus, string? code, string? description, string? additionalInfo, string? processId) =>
        WritePushRejected(logger, actionType, recordCount, httpStatus, Escape(code), Escape(description), Escape(additionalInfo), Escape(processId));

    public static void PushFailed(ILogger logger, string actionType, int recordCount, PushFailureKind failureKind, int? httpStatus, string? errorMessage) =>
        WritePushFailed(logger, actionType, recordCount, failureKind, httpStatus, Escape(errorMessage));

    public static void PushRetrying(ILogger logger, string actionType, int attempt, PushFailureKind failureKind, int? httpStatus, string? code, long delayMilliseconds) =>
        WritePushRetrying(logger, actionType, attempt, failureKind, httpStatus, Escape(code), delayMilliseconds);

    public static void CertificateOperatorMismatch(ILogger logger, string thumbprint, string subject, string operatorId) =>
        WriteCertificateOperatorMismatch(logger, thumbprint, Escape(subject)!, operatorId);

    public static void CertificateReloadFailed(ILogger logger, string reason) =>
        WriteCertificateReloadFailed(logger, Escape(reason)!);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The client certificate {Thumbprint} expires at {NotAfter:u}, in {DaysLeft} day(s); order a new one from Hubject and rotate it")]
    public static partial void CertificateExpiresSoon(ILogger logger, string thumbprint, DateTimeOffset notAfter, int daysLeft);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The client certificate {Thumbprint} expired at {NotAfter:u}; Hubject refuses the TLS handshake until it is replaced")]
    public static partial void CertificateExpired(ILogger logger, string thumbprint, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Client certificate reloaded: new TLS connections present {Thumbprint}, valid until {NotAfter:u}")]
    public static partial void CertificateReloaded(ILogger logger, string thumbprint, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Hubject accepted {ActionType} of {RecordCount} record(s) (code {Code}, Process-ID {ProcessId}) in {ElapsedMilliseconds} ms")]
    private static partial void WritePushSucceeded(ILogger logger, string actionType, int recordCount, string code, string? processId, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Hubject refused {ActionType} of {RecordCount} record(s): HTTP {HttpStatus}, code {Code} '{Description}', additional info '{AdditionalInfo}', Process-ID {ProcessId}")]
    private static partial void WritePushRejected(ILogger logger, string actionType, int recordCount, int? httpStatus, string? code, string? description, string? additionalInfo, string? processId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Push of {ActionType} ({RecordCount} record(s)) failed: {FailureKind}, HTTP {HttpStatus}: {ErrorMessage}")]
    private static partial void WritePushFailed(ILogger logger, string actionType, int recordCount, PushFailureKind failureKind, int? httpStatus, string? errorMessage);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Retrying {ActionType} after attempt {Attempt} failed ({FailureKind}, HTTP {HttpStatus}, code {Code}) in {DelayMilliseconds} ms")]
    private static partial void WritePushRetrying(ILogger logger, string actionType, int attempt, PushFailureKind failureKind, int? httpStatus, string? code, long delayMilliseconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The client certificate {Thumbprint} (subject '{Subject}') does not name OperatorID {OperatorId}; Hubject links a certificate to one operator and refuses pushes for another with code 017")]
    private static partial void WriteCertificateOperatorMismatch(ILogger logger, string thumbprint, string subject, string operatorId);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "The changed certificate settings cannot be loaded, so the previous certificate stays in use: {Reason}")]
    private static partial void WriteCertificateReloadFailed(ILogger logger, string reason);

    private static string? Escape(string? text) => ControlCharacters.Escape(text);
}
