namespace Oicp.Client.Redis;

/// <summary>What <see cref="RedisFullLoadLedger.ProbeAsync"/> found about the operator's state in Redis.</summary>
internal enum RedisDataState
{
    /// <summary>Never initialised, as far as this process knows: no sentinel, and it never saw one.</summary>
    Fresh = 0,

    /// <summary>The sentinel is there: the state written since initialisation is still in Redis.</summary>
    Intact = 1,

    /// <summary>
    /// This process saw the sentinel before and it is gone: Redis restarted without persistence or was flushed,
    /// so statuses, waiting EVSEs and in-flight changes may be lost and Hubject needs a fullLoad.
    /// </summary>
    Lost = 2,
}
