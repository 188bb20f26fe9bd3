using Microsoft.Extensions.Logging;

namespace Oicp.Client.Redis;

/// <summary>Every log message of the Redis coordination. Only keys, endpoints, counts and exception types are logged, never the configuration string.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Redis is unavailable for {OperatorId}: {Count} change(s) wait in memory (latest per EVSE) and flow when it answers again")]
    public static partial void FlushFailed(ILogger logger, Exception exception, string operatorId, int count);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Redis answers again for {OperatorId}: the changes kept in memory are handed over")]
    public static partial void FlushRecovered(ILogger logger, string operatorId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "This instance now sends for {OperatorId} (lease {LeaseKey}); {Reclaimed} change(s) in flight of a previous holder were put back; Redis state: {DataState}")]
    public static partial void LeaseAcquired(ILogger logger, string operatorId, string leaseKey, int reclaimed, RedisDataState dataState);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "This instance no longer sends for {OperatorId}: {Reason}")]
    public static partial void LeaseLost(ILogger logger, string operatorId, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The lease of {OperatorId} could not be renewed or taken ({ExceptionType}); retrying")]
    public static partial void LeaseFailed(ILogger logger, Exception exception, string operatorId, string exceptionType);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Redis key {LeaseKey} holds a value without expiry that is not one of our leases: no instance will send for {OperatorId} until it is deleted")]
    public static partial void LeaseHeldForever(ILogger logger, string leaseKey, string operatorId);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "Redis lost the state of {OperatorId} (restart without persistence or flush): a fullLoad from the snapshot source goes before any change")]
    public static partial void DataLost(ILogger logger, string operatorId);

    [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "Redis lost the state of {OperatorId} and no snapshot source is registered: changes that waited in Redis are lost until they change again")]
    public static partial void DataLostWithoutSource(ILogger logger, string operatorId);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "Redis could not record {What} for {OperatorId} ({ExceptionType}); it is tried again")]
    public static partial void BookkeepingFailed(ILogger logger, Exception exception, string what, string operatorId, string exceptionType);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Redis is unreachable at start-up ({Setting}: {Endpoints}); starting local-only for {OperatorId}: changes wait in memory and nothing is sent until Redis answers")]
    public static partial void StartingLocalOnly(ILogger logger, Exception exception, string setting, string endpoints, string operatorId);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Stopped coordinating {OperatorId}: lease released: {Released}; {Unsent} change(s) could not be handed to Redis")]
    public static partial void Stopped(ILogger logger, string operatorId, bool released, int unsent);
}
