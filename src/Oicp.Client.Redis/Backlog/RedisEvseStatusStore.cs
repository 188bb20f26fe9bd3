using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// The backlog of one operator shared by every instance through Redis: the latest status of each EVSE with
/// a per-EVSE sequence number, the set of EVSEs waiting to be sent (ordered by the Redis time, in milliseconds,
/// since which they wait, so the oldest goes first whichever instance published it; EVSEs that started waiting in
/// the same millisecond go in EvseID order), and the changes in flight with their holder, so that a change taken
/// by an instance that died is put back, not lost. Every operation but the streaming read of all statuses is one
/// Lua script, so the coalescing and ordering guarantees are those of the single-process backlog.
/// </summary>
internal sealed class RedisEvseStatusStore
{
    /// <summary>How many changes one publish script carries; larger batches are split and pipelined.</summary>
    public const int ChangesPerScript = 256;

    // For each change: the EVSE's sequence rises, its status is replaced, and it joins the waiting set only if
    // it is not there yet (NX), so it keeps its first waiting time.
    private static readonly RedisScript Publish = new(
        "publish",
        """
        local now = int(now_ms())
        local became = 0
        for i = 1, #ARGV, 2 do
          redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
          redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          became = became + redis.call('ZADD', KEYS[3], 'NX', now, ARGV[i])
        end
        return became
        """,
        "hash", "hash", "zset");

    private static readonly RedisScript Take = new(
        "take",
        """
        local taken = redis.call('ZPOPMIN', KEYS[3], ARGV[1])
        local out = {}
        for i = 1, #taken, 2 do
          local evse, since = taken[i], int(tonumber(taken[i + 1]))
          local status = redis.call('HGET', KEYS[2], evse)
          -- An EVSE whose status was deleted by hand has nothing to send.
          if status then
            local seq = redis.call('HGET', KEYS[1], evse) or '0'
            redis.call('HSET', KEYS[4], evse, seq .. ' ' .. since .. ' ' .. ARGV[2])
            out[#out + 1] = evse
            out[#out + 1] = status
            out[#out + 1] = seq
            out[#out + 1] = since
          end
        end
        return out
        """,
        "hash", "hash", "zset", "hash");

    // An in-flight entry is "sequence waiting-since holder"; the holder token is last, so it may hold spaces.
    // Putting an EVSE back keeps the older of its two waiting times, so staleness is never understated.
    private const string InFlightFunctions = """
        local function parse(entry)
          return string.match(entry, '^(%S+) (%S+) (.*)$')
        end
        local function requeue(waiting, evse, since)
          local current = redis.call('ZSCORE', waiting, evse)
          if not current or tonumber(since) < tonumber(current) then
            redis.call('ZADD', waiting, since, evse)
          end
        end
        """;

    // Acknowledge (ARGV[2] = 0) or restore (1) taken changes: only entries still held by this holder with the
    // taken sequence are cleared, and for a restore put back.
    private static readonly RedisScript Release = new(
        "release",
        InFlightFunctions + """

        local restore = ARGV[2] == '1'
        local done = 0
        for i = 3, #ARGV, 2 do
          local entry = redis.call('HGET', KEYS[1], ARGV[i])
          if entry then
            local seq, since, owner = parse(entry)
            if seq == ARGV[i + 1] and owner == ARGV[1] then
              redis.call('HDEL', KEYS[1], ARGV[i])
              if restore then
                requeue(KEYS[2], ARGV[i], since)
              end
              done = done + 1
            end
          end
        end
        return done
        """,
        "hash", "zset");

    private static readonly RedisScript Reclaim = new(
        "reclaim",
        InFlightFunctions + """

        local entries = redis.call('HGETALL', KEYS[1])
        local done = 0
        for i = 1, #entries, 2 do
          local seq, since, owner = parse(entries[i + 1])
          if owner ~= ARGV[1] then
            redis.call('HDEL', KEYS[1], entries[i])
            requeue(KEYS[2], entries[i], since)
            done = done + 1
          end
        end
        return done
        """,
        "hash", "zset");

    // After a fullLoad: an EVSE whose latest status differs from the snapshot's waits again (NX keeps an older
    // waiting time), so a snapshot older than the published changes never has the last word.
    private static readonly RedisScript RequeueDiffering = new(
        "requeue-differing",
        """
        local now = int(now_ms())
        local queued = 0
        for i = 1, #ARGV, 2 do
          local status = redis.call('HGET', KEYS[1], ARGV[i])
          if status and status ~= ARGV[i + 1] then
            queued = queued + redis.call('ZADD', KEYS[2], 'NX', now, ARGV[i])
          end
        end
        return queued
        """,
        "hash", "zset");

    private static readonly RedisScript CountWaiting = new("count-waiting", "return redis.call('ZCARD', KEYS[1])", "zset");

    private static readonly RedisScript OldestWaiting = new(
        "oldest-waiting",
        """
        local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if #head == 0 then
          return {}
        end
        return { head[1], int(tonumber(head[2])), int(now_ms()) }
        """,
        "zset");

    // HSCAN cannot run inside one script; this checks the type first so a foreign value is named like everywhere else.
    private static readonly RedisScript CheckStatuses = new("check-statuses", "return 1", "hash");

    private readonly IDatabaseAsync _database;
    private readonly RedisKeys _keys;
    private readonly RedisKey[] _publishKeys;
    private readonly RedisKey[] _takeKeys;
    private readonly RedisKey[] _requeueKeys;
    private readonly RedisKey[] _waitingKeys;
    private readonly RedisKey[] _requeueDifferingKeys;

    public RedisEvseStatusStore(IDatabaseAsync database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
        _publishKeys = [keys.Sequences, keys.Statuses, keys.Waiting];
        _takeKeys = [keys.Sequences, keys.Statuses, keys.Waiting, keys.InFlight];
        _requeueKeys = [keys.InFlight, keys.Waiting];
        _waitingKeys = [keys.Waiting];
        _requeueDifferingKeys = [keys.Statuses, keys.Waiting];
    }

    /// <summary>
    /// Stores each change as the latest status of its EVSE (sequence + 1) and makes the EVSE wait, keeping its
    /// first waiting time if it already waits. Changes are sent in scripts of <see cref="ChangesPerScript"/>,
    /// pipelined on the connection, in list order; each script is atomic.
    /// </summary>
    /// <returns>How many EVSEs started waiting (the rest replaced a status that still waited).</returns>
    public async Task<int> PublishAsync(IReadOnlyList<(EvseId EvseId, EvseStatus Status)> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var values = new RedisValue[changes.Count * 2];
        for (var i = 0; i < changes.Count; i++)
        {
            var (evseId, status) = changes[i];
            if (evseId.IsEmpty)
            {
                throw new ArgumentException($"changes[{i}].EvseId is empty: every change needs a parsed EvseID.", nameof(changes));
            }

            if (!Enum.IsDefined(status))
            {
                throw new ArgumentOutOfRangeException(nameof(changes), status, $"changes[{i}].Status ({evseId}) must be one of Available, Reserved, Occupied, OutOfService, EvseNotFound, Unknown.");
            }

            values[2 * i] = evseId.ToString();
            values[(2 * i) + 1] = status.ToWireString();
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        // Issue every batch before awaiting any: the multiplexer pipelines them and keeps their order.
        var batches = new Task<RedisResult>[((changes.Count - 1) / ChangesPerScript) + 1];
        for (var b = 0; b < batches.Length; b++)
        {
            var start = b * ChangesPerScript * 2;
            var slice = values.AsSpan(start, Math.Min(ChangesPerScript * 2, values.Length - start)).ToArray();
            batches[b] = Publish.EvaluateAsync(_database, _publishKeys, slice, cancellationToken);
        }

        var became = 0;
        foreach (var batch in batches)
        {
            became += (int)await batch.ConfigureAwait(false);
        }

        return became;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> waiting EVSEs, oldest first, with their latest status, and records them
    /// as in flight for <paramref name="holderToken"/> until they are acknowledged or restored.
    /// </summary>
    public async Task<IReadOnlyList<TakenEvseStatus>> TakeAsync(int max, string holderToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ThrowIfInvalidToken(holderToken);
        var reply = (RedisResult[])(await Take.EvaluateAsync(_database, _takeKeys, [max, holderToken], cancellationToken).ConfigureAwait(false))!;
        var taken = new TakenEvseStatus[reply.Length / 4];
        for (var i = 0; i < taken.Length; i++)
        {
            var evseId = RedisValues.ToEvseId(_keys.Waiting, reply[4 * i]);
            taken[i] = new TakenEvseStatus(
                evseId,
                RedisValues.ToStatus(_keys.Statuses, evseId, (string?)reply[(4 * i) + 1]),
                RedisValues.ToInt64(_keys.Sequences, reply[(4 * i) + 2]),
                RedisValues.FromUnixMilliseconds(_keys.Waiting, reply[(4 * i) + 3]));
        }

        return taken;
    }

    /// <summary>
    /// Clears the in-flight entries of changes Hubject accepted. An EVSE published again after it was taken
    /// already waits again (publishing re-adds it), so its newer status is still sent; an acknowledged change
    /// itself is never put back. Entries no longer held by <paramref name="holderToken"/> with that sequence
    /// (reclaimed by another holder, or taken again) are left alone.
    /// </summary>
    /// <returns>How many entries were cleared.</returns>
    public Task<int> AcknowledgeAsync(IReadOnlyList<TakenEvseStatus> taken, string holderToken, CancellationToken cancellationToken = default) =>
        ReleaseAsync(restore: false, taken, holderToken, cancellationToken);

    /// <summary>
    /// Puts changes that were not delivered back into the waiting set with their original waiting time, or
    /// the older one if the EVSE already waits again, and clears their in-flight entries. Entries no longer
    /// held by <paramref name="holderToken"/> with that sequence are left to whoever holds them.
    /// </summary>
    /// <returns>How many changes were put back.</returns>
    public Task<int> RestoreAsync(IReadOnlyList<TakenEvseStatus> taken, string holderToken, CancellationToken cancellationToken = default) =>
        ReleaseAsync(restore: true, taken, holderToken, cancellationToken);

    /// <summary>
    /// On takeover: every in-flight entry of another holder than <paramref name="holderToken"/> goes back to the
    /// waiting set, by the same rule as <see cref="RestoreAsync"/>. Nothing is lost, and since a take always
    /// reads the latest status, nothing is reordered per EVSE.
    /// </summary>
    /// <returns>How many changes were put back.</returns>
    public async Task<int> ReclaimAsync(string holderToken, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidToken(holderToken);
        return (int)await Reclaim.EvaluateAsync(_database, _requeueKeys, [holderToken], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a fullLoad of <paramref name="snapshot"/>: every EVSE whose latest published status differs from its
    /// snapshot record waits again, in scripts of <see cref="ChangesPerScript"/> records, pipelined.
    /// </summary>
    /// <returns>How many EVSEs started waiting.</returns>
    public async Task<int> RequeueDifferingAsync(IReadOnlyList<EvseStatusRecord> snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var batches = new List<Task<RedisResult>>((snapshot.Count / ChangesPerScript) + 1);
        for (var start = 0; start < snapshot.Count; start += ChangesPerScript)
        {
            var count = Math.Min(ChangesPerScript, snapshot.Count - start);
            var values = new RedisValue[count * 2];
            for (var i = 0; i < count; i++)
            {
                values[2 * i] = snapshot[start + i].EvseId.ToString();
                values[(2 * i) + 1] = snapshot[start + i].Status.ToWireString();
            }

            batches.Add(RequeueDiffering.EvaluateAsync(_database, _requeueDifferingKeys, values, cancellationToken));
        }

        var queued = 0;
        foreach (var batch in batches)
        {
            queued += (int)await batch.ConfigureAwait(false);
        }

        return queued;
    }

    /// <summary>Counts the EVSEs waiting to be sent (in-flight changes are not counted).</summary>
    public async Task<long> CountWaitingAsync(CancellationToken cancellationToken = default) =>
        (long)await CountWaiting.EvaluateAsync(_database, _waitingKeys, [], cancellationToken).ConfigureAwait(false);

    /// <summary>The EVSE that has waited longest, with its age on the Redis clock; <see langword="null"/> when none waits.</summary>
    public async Task<OldestWaiting?> OldestWaitingSinceAsync(CancellationToken cancellationToken = default)
    {
        var reply = (RedisResult[])(await OldestWaiting.EvaluateAsync(_database, _waitingKeys, [], cancellationToken).ConfigureAwait(false))!;
        if (reply.Length == 0)
        {
            return null;
        }

        var since = RedisValues.FromUnixMilliseconds(_keys.Waiting, reply[1]);
        var now = RedisValues.FromUnixMilliseconds(_keys.Waiting, reply[2]);
        return new OldestWaiting(RedisValues.ToEvseId(_keys.Waiting, reply[0]), since, now > since ? now - since : TimeSpan.Zero);
    }

    /// <summary>
    /// Streams the latest status of every EVSE ever published, for a fullLoad built from Redis. It reads the
    /// hash page by page (<c>HSCAN</c>), so 100,000 EVSEs never come in one reply; like any scan, an EVSE
    /// published during the enumeration may or may not be included, and none is returned twice.
    /// </summary>
    public async IAsyncEnumerable<EvseStatusRecord> GetAllStatusesAsync(int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await CheckStatuses.EvaluateAsync(_database, [_keys.Statuses], [], cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<EvseId>();
        await foreach (var entry in _database.HashScanAsync(_keys.Statuses, pageSize: pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var evseId = RedisValues.ToEvseId(_keys.Statuses, (string?)entry.Name);

            // HSCAN may return an entry twice when the hash is resized during the scan; a fullLoad must not (code 018).
            if (seen.Add(evseId))
            {
                yield return new EvseStatusRecord(evseId, RedisValues.ToStatus(_keys.Statuses, evseId, entry.Value));
            }
        }
    }

    private static void ThrowIfInvalidToken(string holderToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holderToken);
    }

    private async Task<int> ReleaseAsync(bool restore, IReadOnlyList<TakenEvseStatus> taken, string holderToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        ThrowIfInvalidToken(holderToken);
        if (taken.Count == 0)
        {
            return 0;
        }

        var values = new RedisValue[2 + (taken.Count * 2)];
        values[0] = holderToken;
        values[1] = restore ? 1 : 0;
        for (var i = 0; i < taken.Count; i++)
        {
            values[2 + (2 * i)] = taken[i].EvseId.ToString();
            values[3 + (2 * i)] = taken[i].Sequence;
        }

        return (int)await Release.EvaluateAsync(_database, _requeueKeys, values, cancellationToken).ConfigureAwait(false);
    }
}
