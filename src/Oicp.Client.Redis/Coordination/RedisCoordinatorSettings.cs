namespace Oicp.Client.Redis;

/// <summary>What the Redis coordinator needs of the options of the operator's client, its publisher and its Redis registration.</summary>
/// <param name="LeaseTime">How long the lease lasts without renewal.</param>
/// <param name="RequestTimeout">The pusher's limit on one request; a holder needs at least this much lease, plus the margin, to start one.</param>
/// <param name="LeaseMargin">The safety margin on top of the request timeout.</param>
/// <param name="PermitLimit">The most requests of the operator in a window (0: no limit).</param>
/// <param name="Window">The rate-limit window.</param>
/// <param name="DailyFullLoadFromRedis">Whether the daily fullLoad is read from Redis.</param>
/// <param name="HasSnapshotSource">Whether the publisher has a snapshot source.</param>
/// <param name="FullLoadOnStart">Whether a never-initialised operator gets a fullLoad once the snapshot source is ready.</param>
internal sealed record RedisCoordinatorSettings(
    TimeSpan LeaseTime,
    TimeSpan RequestTimeout,
    TimeSpan LeaseMargin,
    int PermitLimit,
    TimeSpan Window,
    bool DailyFullLoadFromRedis,
    bool HasSnapshotSource,
    bool FullLoadOnStart)
{
    /// <summary>A daily fullLoad is skipped when another was recorded this recently: the cluster's once a day.</summary>
    public static readonly TimeSpan DailyFullLoadInterval = TimeSpan.FromHours(20);

    /// <summary>Gets the lease a holder must still have to start a request.</summary>
    public TimeSpan LeaseNeededToSend => RequestTimeout + LeaseMargin;
}
