using Microsoft.Extensions.Logging;
using Oicp.Client.Publishing.Internal;
using StackExchange.Redis;

namespace Oicp.Client.Redis;

/// <summary>
/// Coordinates the instances of one operator through Redis, behind the publisher's <see cref="IPublisherCoordinator"/>
/// seam: every instance publishes into its local backlog and a <see cref="RedisFlusher"/> hands the changes to the shared
/// <see cref="RedisEvseStatusStore"/>; the instance whose <see cref="LeaseKeeper"/> holds the lease runs the sending loop,
/// taking changes from Redis and acknowledging only what Hubject accepted; the shared <see cref="RedisRequestWindow"/> is
/// checked before and recorded after each request; the <see cref="RedisFullLoadLedger"/> makes the daily fullLoad the
/// cluster's and detects a Redis that lost its data. See docs/scale-out.md.
/// </summary>
internal sealed class RedisPublisherCoordinator : IPublisherCoordinator
{
    private readonly EvseBacklog _backlog;
    private readonly IConnectionMultiplexer _connection;
    private readonly RedisKeys _keys;
    private readonly RedisCoordinatorSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RedisEvseStatusStore _store;
    private readonly RedisRequestWindow _window;
    private readonly RedisFullLoadLedger _ledger;
    private readonly RedisMetrics _metrics;
    private readonly RedisFlusher _flusher;
    private readonly LeaseKeeper _lease;
    private readonly List<(bool Restore, string Token, TakenEvseStatus[] Changes)> _unreleased = [];
    private readonly CancellationTokenSource _stop = new();
    private Action _wakeLoop = static () => { };
    private Task _flushing = Task.CompletedTask;
    private Task _leasing = Task.CompletedTask;
    private string? _takenToken;
    private int _fullLoadNeed;
    private volatile int _sharedWaiting;
    private long _oldestSince;
    private int _started;

    public RedisPublisherCoordinator(
        EvseBacklog backlog,
        IConnectionMultiplexer connection,
        RedisKeys keys,
        RedisCoordinatorSettings settings,
        TimeProvider timeProvider,
        ILogger logger,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory)
    {
        _backlog = backlog;
        _connection = connection;
        _keys = keys;
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
        var database = connection.GetDatabase();
        _store = new RedisEvseStatusStore(database, keys);
        _window = new RedisRequestWindow(database, keys);
        _ledger = new RedisFullLoadLedger(database, keys);
        _lease = new LeaseKeeper(new RedisLease(database, keys), keys, settings.LeaseTime, timeProvider, logger, TakeOverAsync, () => _wakeLoop());
        _metrics = new RedisMetrics(meterFactory, keys.OperatorId.ToString(), () => LocalWaiting, () => _lease.IsHolder);
        _flusher = new RedisFlusher(backlog, _store, connection.GetSubscriber(), keys, timeProvider, logger, _metrics);
    }

    public bool DrainsOnStop => false;

    public bool UsesStartupFullLoad => false;

    public int WaitingCount => _sharedWaiting;

    /// <inheritdoc cref="IPublisherCoordinator.MayStartRequest"/>
    /// <remarks>The lease must still last the request timeout plus the margin: the request has ended before another instance can take over.</remarks>
    public bool MayStartRequest => _lease.Remaining >= _settings.LeaseNeededToSend;

    public int PendingCount => LocalWaiting + _sharedWaiting;

    public int KnownCount => _backlog.KnownCount;

    /// <summary>Gets how many changes wait in this instance's memory to be handed to Redis, or are on their way there.</summary>
    public int LocalWaiting => _backlog.Count + _flusher.Handing;

    /// <summary>Gets a value indicating whether this instance holds the lease (the one that sends).</summary>
    public bool IsHolder => _lease.IsHolder;

    /// <summary>Gets the meter of the coordination (for tests that collect its measurements).</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _metrics.Meter;

    public void Attach(Action wakeLoop) => _wakeLoop = wakeLoop;

    public void Start(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _ = SubscribeAsync();
        _flushing = Task.Run(() => _flusher.RunAsync(_stop.Token));
        _leasing = Task.Run(() => _lease.RunAsync(_stop.Token));
        _flusher.Signal();
    }

    public void Published() => _flusher.Signal();

    public TimeSpan OldestWait()
    {
        var local = _backlog.OldestWait();
        var since = Volatile.Read(ref _oldestSince);
        var shared = since == 0 || _sharedWaiting == 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(since);
        return local > shared ? local : shared;
    }

    public async ValueTask<SendingTurn> BeginStepAsync(CancellationToken cancellationToken)
    {
        await ReleaseLeftoversAsync(cancellationToken).ConfigureAwait(false);

        // Not the holder, or not for long enough to finish a request: park; the lease keeper wakes the loop when that changes.
        if (!MayStartRequest)
        {
            _sharedWaiting = 0;
            return new SendingTurn(false, Timeout.InfiniteTimeSpan, FullLoadNeed.None);
        }

        var counting = _store.CountWaitingAsync(cancellationToken);
        var oldest = await _store.OldestWaitingSinceAsync(cancellationToken).ConfigureAwait(false);
        _sharedWaiting = (int)Math.Min(await counting.ConfigureAwait(false), int.MaxValue);
        Volatile.Write(ref _oldestSince, oldest is { } head ? _timeProvider.GetTimestamp() - ToTimestamp(head.Age) : 0);
        return new SendingTurn(true, TimeSpan.Zero, (FullLoadNeed)Interlocked.Exchange(ref _fullLoadNeed, 0));
    }

    public async ValueTask TakeAsync(List<TakenChange> into, int max, CancellationToken cancellationToken)
    {
        if (_lease.Token is not { } token || max <= 0)
        {
            return;
        }

        _takenToken = token;
        var taken = await _store.TakeAsync(max, token, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetTimestamp();
        var utcNow = _timeProvider.GetUtcNow();
        foreach (var change in taken)
        {
            // The Redis time since which it waits, on this instance's clock (skew only shifts the staleness metric).
            var age = utcNow - change.WaitingSince;
            into.Add(new TakenChange(null, change.EvseId, change.Status, now - ToTimestamp(age > TimeSpan.Zero ? age : TimeSpan.Zero), change.Sequence));
        }

        _sharedWaiting = Math.Max(0, _sharedWaiting - taken.Count);
    }

    // In Redis a newer status of an isolated change's EVSE waits on its own and goes after it, in order.
    public bool MergeIntoWaiting(TakenChange change) => false;

    public ValueTask RestoreAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken) =>
        ReleaseAsync(restore: true, taken, cancellationToken);

    public ValueTask AcknowledgeAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken) =>
        ReleaseAsync(restore: false, taken, cancellationToken);

    public async ValueTask<TimeSpan> GetSharedRateDelayAsync(CancellationToken cancellationToken) =>
        await _window.GetDelayAsync(1, _settings.PermitLimit, _settings.Window, cancellationToken).ConfigureAwait(false);

    public async ValueTask RecordRequestAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _window.RecordAsync(_settings.Window, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The request happened; a window that misses it only lets the next holder start one request early.
            RedisLog.BookkeepingFailed(_logger, exception, "a request in the shared rate window", _keys.OperatorId.ToString(), exception.GetType().Name);
        }
    }

    public async ValueTask<bool> IsDailyFullLoadNeededAsync(CancellationToken cancellationToken) =>
        await _ledger.GetLastFullLoadAsync(cancellationToken).ConfigureAwait(false) is not { } last || last.Age >= RedisCoordinatorSettings.DailyFullLoadInterval;

    public IAsyncEnumerable<EvseStatusRecord>? DailySnapshot(CancellationToken cancellationToken) =>
        _settings.DailyFullLoadFromRedis ? _store.GetAllStatusesAsync(cancellationToken: cancellationToken) : null;

    public async ValueTask FullLoadDeliveredAsync(IReadOnlyList<EvseStatusRecord> snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await _ledger.RecordFullLoadAsync(cancellationToken).ConfigureAwait(false);
            await _ledger.MarkInitialisedAsync(cancellationToken).ConfigureAwait(false);
            await _store.RequeueDifferingAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Hubject has the snapshot; unrecorded, the next holder sends one more fullLoad, which is harmless.
            RedisLog.BookkeepingFailed(_logger, exception, "the fullLoad", _keys.OperatorId.ToString(), exception.GetType().Name);
        }
    }

    public async ValueTask<List<TakenChange>> StopAsync(IReadOnlyList<TakenChange> isolated)
    {
        if (Volatile.Read(ref _started) == 0)
        {
            // Never started: nothing was handed over; what waits in memory is reported.
            return [.. isolated, .. _backlog.TakeAll()];
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_flushing, _leasing).ConfigureAwait(false);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10), _timeProvider);
        var released = false;
        var unsent = new List<TakenChange>();
        try
        {
            // Isolated changes are in flight under this holder's token: back in line for the next holder. If Redis
            // cannot be reached they stay in flight there, and the next holder reclaims them: not lost either way.
            await ReleaseAsync(restore: true, isolated, bounded.Token).ConfigureAwait(false);
            unsent = await _flusher.FlushRemainingAsync(bounded.Token).ConfigureAwait(false);
            released = await _lease.ReleaseAsync(bounded.Token).ConfigureAwait(false);
            await _connection.GetSubscriber().UnsubscribeAsync(_keys.Changes, null, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A Redis that is gone at shutdown: the lease expires by itself.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RedisLog.BookkeepingFailed(_logger, exception, "the shutdown", _keys.OperatorId.ToString(), exception.GetType().Name);
            unsent.AddRange(_backlog.TakeAll());
        }

        RedisLog.Stopped(_logger, _keys.OperatorId.ToString(), released, unsent.Count);
        _metrics.Dispose();
        _stop.Dispose();
        return unsent;
    }

    /// <summary>After the lease was taken: the in-flight changes of earlier holders go back in line, and the data is probed.</summary>
    private async Task TakeOverAsync(string token, CancellationToken cancellationToken)
    {
        lock (_unreleased)
        {
            // Whatever an earlier term of this instance could not release is reclaimed below like a dead holder's.
            _unreleased.Clear();
        }

        var reclaimed = await _store.ReclaimAsync(token, cancellationToken).ConfigureAwait(false);
        var state = await _ledger.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var need = FullLoadNeed.None;
        if (state == RedisDataState.Lost)
        {
            RedisLog.DataLost(_logger, _keys.OperatorId.ToString());
            need = FullLoadNeed.Now;
            if (!_settings.HasSnapshotSource)
            {
                RedisLog.DataLostWithoutSource(_logger, _keys.OperatorId.ToString());
            }
        }
        else if (state == RedisDataState.Fresh && _settings.FullLoadOnStart)
        {
            need = FullLoadNeed.WhenReady;
        }

        if (state != RedisDataState.Intact && (need == FullLoadNeed.None || !_settings.HasSnapshotSource))
        {
            // No fullLoad will mark it: mark now, so that a later loss is seen.
            await _ledger.MarkInitialisedAsync(cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _fullLoadNeed, (int)need);
        _metrics.LeaseAcquired();
        RedisLog.LeaseAcquired(_logger, _keys.OperatorId.ToString(), _keys.Lease.ToString(), reclaimed, state);
    }

    private async ValueTask ReleaseAsync(bool restore, IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken)
    {
        if (taken.Count == 0 || _takenToken is not { } token)
        {
            return;
        }

        var changes = new TakenEvseStatus[taken.Count];
        for (var i = 0; i < changes.Length; i++)
        {
            changes[i] = new TakenEvseStatus(taken[i].EvseId, taken[i].Status, taken[i].Sequence, default);
        }

        try
        {
            await Release(restore, token, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept and tried again before the next request; a new term reclaims them instead.
            lock (_unreleased)
            {
                _unreleased.Add((restore, token, changes));
            }

            RedisLog.BookkeepingFailed(_logger, exception, restore ? "changes put back" : "acknowledged changes", _keys.OperatorId.ToString(), exception.GetType().Name);
        }
    }

    private async ValueTask ReleaseLeftoversAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            (bool Restore, string Token, TakenEvseStatus[] Changes) next;
            lock (_unreleased)
            {
                if (_unreleased.Count == 0)
                {
                    return;
                }

                next = _unreleased[0];
            }

            await Release(next.Restore, next.Token, next.Changes, cancellationToken).ConfigureAwait(false);
            lock (_unreleased)
            {
                _unreleased.Remove(next);
            }
        }
    }

    private Task<int> Release(bool restore, string token, TakenEvseStatus[] changes, CancellationToken cancellationToken) => restore
        ? _store.RestoreAsync(changes, token, cancellationToken)
        : _store.AcknowledgeAsync(changes, token, cancellationToken);

    private async Task SubscribeAsync()
    {
        try
        {
            await _connection.GetSubscriber().SubscribeAsync(_keys.Changes, (_, _) =>
            {
                if (_lease.IsHolder)
                {
                    _wakeLoop();
                }
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Without the channel the holder still wakes at every renewal.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RedisLog.BookkeepingFailed(_logger, exception, "the subscription to new changes", _keys.OperatorId.ToString(), exception.GetType().Name);
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);
}
