namespace Oicp.Client.Redis;

/// <summary>
/// Settings of the Redis coordination of one operator's publisher (<c>UseRedis</c>), bound from <c>Oicp:Redis</c>
/// by the configuration overload. See docs/scale-out.md for the timing rules.
/// </summary>
public sealed class OicpRedisOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string (<c>Oicp:Redis:Configuration</c>), for example
    /// <c>redis1:6379,redis2:6379,password=...,ssl=true</c>. Not used when a connection is given to <c>UseRedis</c>.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key, before the <c>{OperatorID}</c> hash tag (<c>Oicp:Redis:KeyPrefix</c>). Default <c>oicp:</c>.</summary>
    public string KeyPrefix { get; set; } = "oicp:";

    /// <summary>
    /// Gets or sets how long the lease that lets one instance send lasts without renewal (<c>Oicp:Redis:LeaseTime</c>);
    /// it is renewed every third of it. A crashed holder is replaced after at most this time. It must be at least 1.5 times
    /// <see cref="OicpClientOptions.RequestTimeout"/> plus <see cref="LeaseMargin"/>, so a holder can send between renewals.
    /// Default 60 seconds.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the safety margin of the lease (<c>Oicp:Redis:LeaseMargin</c>): the holder starts no request unless its
    /// lease lasts at least <see cref="OicpClientOptions.RequestTimeout"/> plus this margin, so its request has ended before
    /// another instance can take the lease. It covers the time between the check and the request leaving (a GC pause).
    /// Default 2 seconds.
    /// </summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets a value indicating whether the daily fullLoad is built from the statuses held in Redis (the latest
    /// published status of every EVSE) instead of the <see cref="Publishing.IEvseStatusSnapshotSource"/>
    /// (<c>Oicp:Redis:DailyFullLoadFromRedis</c>). A fullLoad after Redis lost its data always comes from the snapshot
    /// source. Default <see langword="false"/>.
    /// </summary>
    public bool DailyFullLoadFromRedis { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an instance starts when Redis cannot be reached at start-up
    /// (<c>Oicp:Redis:StartLocalOnlyWhenUnavailable</c>): it logs a warning, keeps the published changes in memory (latest
    /// per EVSE) and sends nothing until Redis answers; then they flow. Default <see langword="false"/>: start-up fails with
    /// an error naming <c>Oicp:Redis:Configuration</c>.
    /// </summary>
    public bool StartLocalOnlyWhenUnavailable { get; set; }
}
