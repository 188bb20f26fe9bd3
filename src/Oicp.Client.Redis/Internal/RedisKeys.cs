using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The Redis keys of one operator: <c>{prefix}{{OperatorID}}:{name}</c>, for example <c>oicp:{DE*ABC}:waiting</c>.
/// The braces are a Redis Cluster hash tag: every key of one operator lives in one slot, so one script may
/// touch all of them, and different operators spread over the cluster.
/// </summary>
internal sealed class RedisKeys
{
    /// <summary>The prefix used when none is configured.</summary>
    public const string DefaultPrefix = "oicp:";

    public RedisKeys(OperatorId operatorId, string prefix = DefaultPrefix)
    {
        if (operatorId.IsEmpty)
        {
            throw new ArgumentException("The OperatorID must not be empty: Redis keys are per operator.", nameof(operatorId));
        }

        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            // A brace in the prefix would become the hash tag and put every operator in one slot.
            throw new ArgumentException(
                $"{RedisSettingNames.KeyPrefix} '{prefix}' must not contain '{{' or '}}': the braces around the OperatorID are the Redis Cluster hash tag.",
                nameof(prefix));
        }

        OperatorId = operatorId;
        var root = $"{prefix}{{{operatorId}}}:";
        Sequences = root + "seq";
        Statuses = root + "status";
        Waiting = root + "waiting";
        InFlight = root + "inflight";
        Lease = root + "lease";
        RequestWindow = root + "window";
        LastFullLoad = root + "fullload";
        Sentinel = root + "sentinel";
        Changes = RedisChannel.Literal(root + "changes");
    }

    public OperatorId OperatorId { get; }

    /// <summary>Hash: EvseID to the sequence number of its latest published status.</summary>
    public RedisKey Sequences { get; }

    /// <summary>Hash: EvseID to its latest published status (wire spelling).</summary>
    public RedisKey Statuses { get; }

    /// <summary>Sorted set: EvseIDs with a status to send, scored by the Redis time (ms) since which they wait.</summary>
    public RedisKey Waiting { get; }

    /// <summary>Hash: EvseID to "sequence waiting-since holder" for every change taken and not yet acknowledged or restored.</summary>
    public RedisKey InFlight { get; }

    /// <summary>String: the token of the instance allowed to send, with an expiry.</summary>
    public RedisKey Lease { get; }

    /// <summary>Sorted set: completion times (Redis time, microseconds) of the requests of the last window.</summary>
    public RedisKey RequestWindow { get; }

    /// <summary>String: the Redis time (ms) of the last successful fullLoad.</summary>
    public RedisKey LastFullLoad { get; }

    /// <summary>String: written when the operator's state is initialised; its absence later means Redis lost the data.</summary>
    public RedisKey Sentinel { get; }

    /// <summary>Pub/sub channel: a flusher announces that it made EVSEs wait, so the holder wakes at once instead of at its next poll.</summary>
    public RedisChannel Changes { get; }
}
