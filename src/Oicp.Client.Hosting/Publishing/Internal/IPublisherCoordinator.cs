namespace Oicp.Client.Publishing.Internal;

/// <summary>What the coordinator tells the loop at the start of a step.</summary>
/// <param name="MaySend">Whether this instance may issue a request now (it holds the right to send, for long enough).</param>
/// <param name="RetryAfter">When it may not: how long to park before asking again (infinite: until woken).</param>
/// <param name="FullLoad">Whether the coordinator asks for a fullLoad before the changes (it took over a backlog that needs one).</param>
internal readonly record struct SendingTurn(bool MaySend, TimeSpan RetryAfter, FullLoadNeed FullLoad)
{
    /// <summary>The in-process turn: always this instance's, nothing asked.</summary>
    public static readonly SendingTurn Always = new(true, TimeSpan.Zero, FullLoadNeed.None);
}

/// <summary>Why a coordinator asks for a fullLoad when it hands the loop a turn.</summary>
internal enum FullLoadNeed
{
    /// <summary>No fullLoad is asked for.</summary>
    None = 0,

    /// <summary>The shared state was never initialised: a fullLoad once the snapshot source is ready, as at start-up.</summary>
    WhenReady = 1,

    /// <summary>The shared state was lost: a fullLoad from the snapshot source now, before any change.</summary>
    Now = 2,
}

/// <summary>
/// The seam between the publisher's loop and where its work lives: which changes wait and who may send them, the rate
/// window beyond the pusher's own limiter, and the fullLoad ledger. <see cref="InProcessCoordinator"/> is today's single
/// process (the local backlog, always the sender, the pusher's limiter, no ledger); another package coordinates several
/// instances of one operator behind the same calls. <see cref="EvseStatusPublisher.Publish"/> always writes the local
/// <see cref="EvseBacklog"/> first; the coordinator decides how its changes reach the sender.
/// The loop calls it from one thread at a time; <see cref="Published"/> and the counts may be called from any thread.
/// </summary>
internal interface IPublisherCoordinator
{
    /// <summary>Gets a value indicating whether stopping sends what waits (one process) or leaves it for the others (a cluster).</summary>
    bool DrainsOnStop { get; }

    /// <summary>Gets a value indicating whether the publisher's own start-up fullLoad applies; a coordinator that decides it itself says no.</summary>
    bool UsesStartupFullLoad { get; }

    /// <summary>Gets how many changes wait for the loop to take them (as last seen, where they live elsewhere).</summary>
    int WaitingCount { get; }

    /// <summary>Gets how many changes wait in all, for <see cref="IEvseStatusPublisher.PendingCount"/>: those the loop may take and those still on their way to it.</summary>
    int PendingCount { get; }

    /// <summary>Gets how many EVSEs the publisher knows, to size a snapshot.</summary>
    int KnownCount { get; }

    /// <summary>Tells the coordinator how to wake the loop; called once, before <see cref="Start"/>.</summary>
    void Attach(Action wakeLoop);

    /// <summary>Starts the coordinator's own background work, until <paramref name="stopping"/> is cancelled or it is stopped.</summary>
    void Start(CancellationToken stopping);

    /// <summary>The local backlog went from empty to not empty.</summary>
    void Published();

    /// <summary>Gets how long the change waiting longest has waited; zero when none waits.</summary>
    TimeSpan OldestWait();

    /// <summary>Asks whether this instance may send now; also the moment a coordinator catches up on what happened meanwhile.</summary>
    ValueTask<SendingTurn> BeginStepAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gets a value indicating whether a request may start now. The loop asks right before each push, after the reads
    /// that follow <see cref="BeginStepAsync"/> (taking changes, reading a snapshot), which can take long enough for a
    /// cluster's turn to run out.
    /// </summary>
    bool MayStartRequest { get; }

    /// <summary>Takes up to <paramref name="max"/> waiting changes, oldest first, each EVSE once with its latest status.</summary>
    ValueTask TakeAsync(List<TakenChange> into, int max, CancellationToken cancellationToken);

    /// <summary>
    /// When a newer status of the change's EVSE waits already, hands it the change's older waiting time and returns
    /// <see langword="true"/>: the taken change is superseded and must not be sent.
    /// </summary>
    bool MergeIntoWaiting(TakenChange change);

    /// <summary>Puts changes that were not delivered back, first in line, in their order; a newer waiting status wins.</summary>
    ValueTask RestoreAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken);

    /// <summary>Records that Hubject accepted the changes.</summary>
    ValueTask AcknowledgeAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken);

    /// <summary>How long the next request must wait for a rate window shared beyond this process; zero in one process.</summary>
    ValueTask<TimeSpan> GetSharedRateDelayAsync(CancellationToken cancellationToken);

    /// <summary>Records that a request ended (answered, failed or abandoned), in the shared rate window.</summary>
    ValueTask RecordRequestAsync(CancellationToken cancellationToken);

    /// <summary>Decides whether the daily fullLoad due now is still needed (another instance may have sent today's).</summary>
    ValueTask<bool> IsDailyFullLoadNeededAsync(CancellationToken cancellationToken);

    /// <summary>The records of the daily fullLoad when they come from elsewhere than the snapshot source; <see langword="null"/>: the source.</summary>
    IAsyncEnumerable<EvseStatusRecord>? DailySnapshot(CancellationToken cancellationToken);

    /// <summary>A fullLoad of <paramref name="snapshot"/> was delivered: waiting changes that differ from it must go again.</summary>
    ValueTask FullLoadDeliveredAsync(IReadOnlyList<EvseStatusRecord> snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// The publisher stopped and takes no more changes: returns what this instance will never send (the isolated
    /// leftovers and what waits locally, or what could not be handed over) and lets go of anything it held.
    /// </summary>
    ValueTask<List<TakenChange>> StopAsync(IReadOnlyList<TakenChange> isolated);
}
