using Oicp.Client.Publishing.Internal;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

/// <summary>
/// The loop asks the coordinator again right before each push (<see cref="IPublisherCoordinator.MayStartRequest"/>): a
/// cluster's turn can run out while changes are taken or a snapshot is read, and then nothing is sent and nothing is lost.
/// </summary>
public sealed class CoordinatorTurnTests
{
    [Fact]
    public async Task Changes_taken_when_the_turn_runs_out_are_not_sent_but_put_back_and_sent_in_the_next_turn()
    {
        GatedCoordinator? gate = null;
        await using var harness = new PublisherHarness(coordinator: (backlog, _) => gate = new GatedCoordinator(new InProcessCoordinator(backlog)));
        await harness.StartAsync();
        gate!.CloseOnTake = true;

        harness.Publisher.Publish(Evse(1), EvseStatus.Occupied);
        harness.Publisher.Publish(Evse(2), EvseStatus.Reserved);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        gate.Takes.Should().Be(1, "the loop parks once its turn is gone");
        harness.Hubject.Calls.Should().BeEmpty();
        harness.Publisher.PendingCount.Should().Be(2, "the taken changes are back in line");

        gate.Reopen();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        harness.Hubject.Store.Should().Contain(Evse(1), EvseStatus.Occupied).And.Contain(Evse(2), EvseStatus.Reserved);
        harness.Publisher.PendingCount.Should().Be(0);
    }

    [Fact]
    public async Task A_fullLoad_whose_turn_runs_out_while_the_snapshot_is_read_is_sent_in_the_next_turn()
    {
        GatedCoordinator? gate = null;
        var truth = new Dictionary<EvseId, EvseStatus> { [Evse(1)] = EvseStatus.Available, [Evse(2)] = EvseStatus.Occupied };
        var source = new DictionarySnapshotSource(truth);
        await using var harness = new PublisherHarness(snapshot: source, coordinator: (backlog, _) => gate = new GatedCoordinator(new InProcessCoordinator(backlog)));
        await harness.StartAsync();

        // The turn runs out while the snapshot is read: the gate closes on the next question.
        gate!.CloseOnNextRequestCheck = true;
        harness.Publisher.TriggerFullLoad();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        source.Reads.Should().Be(1);
        harness.Hubject.Calls.Should().BeEmpty();

        gate.Reopen();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(5));

        harness.Hubject.Calls.Should().ContainSingle().Which.Action.Should().Be(ActionType.FullLoad);
        harness.Hubject.Store.Should().BeEquivalentTo(truth);
    }

    /// <summary>Today's coordinator behind a gate the test closes: a closed gate gives no turn and lets no request start.</summary>
    private sealed class GatedCoordinator(IPublisherCoordinator inner) : IPublisherCoordinator
    {
        private Action _wake = static () => { };
        private bool _open = true;

        public bool CloseOnTake { get; set; }

        public bool CloseOnNextRequestCheck { get; set; }

        public int Takes { get; private set; }

        public bool DrainsOnStop => inner.DrainsOnStop;

        public bool UsesStartupFullLoad => inner.UsesStartupFullLoad;

        public int WaitingCount => inner.WaitingCount;

        public int PendingCount => inner.PendingCount;

        public int KnownCount => inner.KnownCount;

        public bool MayStartRequest
        {
            get
            {
                if (CloseOnNextRequestCheck)
                {
                    CloseOnNextRequestCheck = false;
                    _open = false;
                }

                return _open;
            }
        }

        public void Reopen()
        {
            CloseOnTake = false;
            _open = true;
            _wake();
        }

        public void Attach(Action wakeLoop)
        {
            _wake = wakeLoop;
            inner.Attach(wakeLoop);
        }

        public void Start(CancellationToken stopping) => inner.Start(stopping);

        public void Published() => inner.Published();

        public TimeSpan OldestWait() => inner.OldestWait();

        public ValueTask<SendingTurn> BeginStepAsync(CancellationToken cancellationToken) =>
            _open ? inner.BeginStepAsync(cancellationToken) : ValueTask.FromResult(new SendingTurn(false, Timeout.InfiniteTimeSpan, FullLoadNeed.None));

        public async ValueTask TakeAsync(List<TakenChange> into, int max, CancellationToken cancellationToken)
        {
            Takes++;
            await inner.TakeAsync(into, max, cancellationToken);
            _open = !CloseOnTake;
        }

        public bool MergeIntoWaiting(TakenChange change) => inner.MergeIntoWaiting(change);

        public ValueTask RestoreAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken) => inner.RestoreAsync(taken, cancellationToken);

        public ValueTask AcknowledgeAsync(IReadOnlyList<TakenChange> taken, CancellationToken cancellationToken) => inner.AcknowledgeAsync(taken, cancellationToken);

        public ValueTask<TimeSpan> GetSharedRateDelayAsync(CancellationToken cancellationToken) => inner.GetSharedRateDelayAsync(cancellationToken);

        public ValueTask RecordRequestAsync(CancellationToken cancellationToken) => inner.RecordRequestAsync(cancellationToken);

        public ValueTask<bool> IsDailyFullLoadNeededAsync(CancellationToken cancellationToken) => inner.IsDailyFullLoadNeededAsync(cancellationToken);

        public IAsyncEnumerable<EvseStatusRecord>? DailySnapshot(CancellationToken cancellationToken) => inner.DailySnapshot(cancellationToken);

        public ValueTask FullLoadDeliveredAsync(IReadOnlyList<EvseStatusRecord> snapshot, CancellationToken cancellationToken) => inner.FullLoadDeliveredAsync(snapshot, cancellationToken);

        public ValueTask<List<TakenChange>> StopAsync(IReadOnlyList<TakenChange> isolated) => inner.StopAsync(isolated);
    }
}
