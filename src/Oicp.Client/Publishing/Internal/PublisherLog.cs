using Microsoft.Extensions.Logging;

namespace Oicp.Client.Publishing;

/// <summary>Every log message of the publisher. Only ids, statuses, codes and counts are logged.</summary>
internal static partial class PublisherLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Hubject refused status {Status} of EVSE {EvseId} for good: {Result}")]
    public static partial void StatusRefused(ILogger logger, string evseId, EvseStatus status, string result);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "The pusher threw for status {Status} of EVSE {EvseId}; the status is dropped")]
    public static partial void StatusThrew(ILogger logger, Exception exception, string evseId, EvseStatus status);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Transient failure pushing {RecordCount} record(s), retrying in {RetryInMilliseconds} ms: {Result}")]
    public static partial void TransientFailure(ILogger logger, int recordCount, long retryInMilliseconds, string result);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Hubject refused a bundle of {RecordCount} record(s) ({Result}); sending them one by one to find the culprit")]
    public static partial void BundleRefused(ILogger logger, int recordCount, string result);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Backlog of {Backlog} EVSEs exceeds what single requests can send within the staleness budget; bundling up to {MaxRecords} records per request")]
    public static partial void BundlingStarted(ILogger logger, int backlog, int maxRecords);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Backlog caught up; back to one change per request")]
    public static partial void BundlingStopped(ILogger logger);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "fullLoad of {RecordCount} record(s) accepted")]
    public static partial void FullLoadSucceeded(ILogger logger, int recordCount);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "fullLoad of {RecordCount} record(s) failed: {Result}")]
    public static partial void FullLoadFailed(ILogger logger, int recordCount, string result);

    [LoggerMessage(EventId = 109, Level = LogLevel.Error, Message = "Reading the snapshot for the fullLoad failed; retrying in {RetryInMilliseconds} ms")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, long retryInMilliseconds);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Next daily fullLoad at {DueAt:O}")]
    public static partial void FullLoadScheduled(ILogger logger, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Publisher stopped with {UnsentCount} EVSE status(es) not sent, first {FirstEvseIds}")]
    public static partial void StoppedWithUnsent(ILogger logger, int unsentCount, string firstEvseIds);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Publisher stopped with every status sent")]
    public static partial void StoppedDrained(ILogger logger);

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "A PublishFailed handler threw")]
    public static partial void HandlerThrew(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Unexpected error in the publisher loop; continuing in {RetryInMilliseconds} ms")]
    public static partial void LoopFailed(ILogger logger, Exception exception, long retryInMilliseconds);

    [LoggerMessage(EventId = 115, Level = LogLevel.Error, Message = "Hubject refused the operator, not an EVSE ({Result}): check the client certificate, the OperatorID and the contract; {RecordCount} status(es) kept, retrying in {RetryInMilliseconds} ms")]
    public static partial void OperatorRefused(ILogger logger, int recordCount, long retryInMilliseconds, string result);
}
