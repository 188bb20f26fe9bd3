using Microsoft.Extensions.Logging;

namespace Oicp.Client.Publishing.Internal;

/// <summary>Every log message of the publisher. Only ids, statuses, codes and counts are logged.</summary>
internal static partial class PublisherLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Hubject refused status {Status} of EVSE {EvseId} for good: {Result}")]
    public static partial void StatusRefused(ILogger logger, string evseId, EvseStatus status, string result);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "The pusher threw for status {Status} of EVSE {EvseId}; the status is dropped")]
    public static partial void StatusThrew(ILogger logger, Exception exception, string evseId, EvseStatus status);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Pushing {RecordCount} record(s) failed for a reason that may pass; their latest statuses go again in {RetryInMilliseconds} ms: {Result}")]
    public static partial void TransientFailure(ILogger logger, int recordCount, long retryInMilliseconds, string result);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Hubject refused a request of {RecordCount} record(s) ({Result}); sending it again in halves to find the culprit")]
    public static partial void BundleRefused(ILogger logger, int recordCount, string result);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "fullLoad of {RecordCount} record(s) accepted")]
    public static partial void FullLoadSucceeded(ILogger logger, int recordCount);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "fullLoad of {RecordCount} record(s) failed: {Result}")]
    public static partial void FullLoadFailed(ILogger logger, int recordCount, string result);

    [LoggerMessage(EventId = 109, Level = LogLevel.Error, Message = "Reading the snapshot for the fullLoad failed; retrying in {RetryInMilliseconds} ms")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, long retryInMilliseconds);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Next daily fullLoad at {DueAt:O}")]
    public static partial void FullLoadScheduled(ILogger logger, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Publisher stopped with {UnsentCount} EVSE status(es) not sent; EvseIDs {FirstIndex} to {LastIndex}: {EvseIds}")]
    public static partial void StoppedWithUnsent(ILogger logger, int unsentCount, int firstIndex, int lastIndex, string evseIds);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Publisher stopped with every status sent")]
    public static partial void StoppedDrained(ILogger logger);

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "A PublishFailed handler threw")]
    public static partial void HandlerThrew(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Unexpected error in the publisher loop; continuing in {RetryInMilliseconds} ms")]
    public static partial void LoopFailed(ILogger logger, Exception exception, long retryInMilliseconds);

    [LoggerMessage(EventId = 115, Level = LogLevel.Error, Message = "Hubject refused the operator, not an EVSE ({Result}): check the client certificate, the OperatorID and the contract; {RecordCount} status(es) kept, retrying in {RetryInMilliseconds} ms")]
    public static partial void OperatorRefused(ILogger logger, int recordCount, long retryInMilliseconds, string result);

    [LoggerMessage(EventId = 116, Level = LogLevel.Error, Message = "The snapshot source returned no record; a fullLoad of nothing would delete every status record of the operator at Hubject, so none was sent (set AllowEmptyFullLoad to allow it)")]
    public static partial void EmptySnapshotRefused(ILogger logger);

    [LoggerMessage(EventId = 117, Level = LogLevel.Error, Message = "The snapshot source failed while waiting to be ready; no fullLoad at start-up, the daily fullLoad still comes")]
    public static partial void SnapshotNotReady(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 118, Level = LogLevel.Information, Message = "Daily fullLoad not sent: another instance of the operator sent today's")]
    public static partial void DailyFullLoadSentElsewhere(ILogger logger);
}
