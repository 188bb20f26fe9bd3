namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// One process alone: the local <see cref="EvseBacklog"/> is the backlog, this instance always sends, the pusher's limiter
/// is the whole rate budget and every due fullLoad is sent. Everything completes synchronously.
/// </summary>
internal sealed class InProcessCoordinator(EvseBacklog backlog) : IPublisherCoordinator
{
    private Action _wakeLoop = static () => { };

    public bool DrainsOnStop => true;

    public bool UsesStartupFullLoad => true;

    public bool MayStartRequest => true;

    public int WaitingCount => backlog.Count;

    public int PendingCount => backlog.Count;

    public int KnownCount => backlog.KnownCount;

    public void Attach(Action wakeLoop) => _wakeLoop = wakeLoop;

    public void Start(CancellationToken stopping)
    {
    }

    public void Published() => _wakeLoop();

    public TimeSpan OldestWait() => backlog.OldestWait();

    public ValueTask<SendingTurn> BeginStepAsync(CancellationToken cancellationToken) => new(SendingTurn.Always);

    public ValueTask TakeAsync(List<TakenChange> into, int max, CancellationToken cancellationToken)
    {
        backlog.Take(into, max);
        return default;
    }

    public bool MergeIntoWaiting(TakenChange change) => backlog.MergeIntoWaiting(change);

    public ValueTask RestoreAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken)
    {
        backlog.Restore(taken);
        return default;
    }

    public ValueTask AcknowledgeAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken) => default;

    public ValueTask<TimeSpan> GetSharedRateDelayAsync(CancellationToken cancellationToken) => new(TimeSpan.Zero);

    public ValueTask RecordRequestAsync(CancellationToken cancellationToken) => default;

    public ValueTask<bool> IsDailyFullLoadNeededAsync(CancellationToken cancellationToken) => new(true);

    public IAsyncEnumerable<EvseStatusRecord>? DailySnapshot(CancellationToken cancellationToken) => null;

    public ValueTask FullLoadDeliveredAsync(IReadOnlyList<EvseStatusRecord> snapshot, CancellationToken cancellationToken)
    {
        backlog.RequeueDiffering(snapshot);
        return default;
    }

    public ValueTask<List<TakenChange>> StopAsync(IReadOnlyList<TakenChange> isolated)
    {
        // An isolated change whose EVSE has a newer status waiting is superseded by it.
        var unsent = isolated.Where(change => !backlog.MergeIntoWaiting(change)).ToList();
        unsent.AddRange(backlog.TakeAll());
        return new(unsent);
    }
}
