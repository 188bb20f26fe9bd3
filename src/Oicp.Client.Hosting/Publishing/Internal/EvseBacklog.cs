namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// The coalescing structure: one <see cref="EvseSlot"/> per known EVSE holding its latest status, and a FIFO queue in
/// which an EVSE appears at most once, only while it has something to send. A change for an EVSE that already waits
/// replaces the waiting status in place (latest wins) and keeps its place in the queue; the loop reads the status when
/// it takes the slot, so an older status is never sent after a newer one. One lock guards it all, held for a few
/// instructions. EVSEs are keyed by <see cref="EvseId"/> equality, which ignores the optional <c>*</c> separators,
/// like Hubject.
/// </summary>
internal sealed class EvseBacklog(TimeProvider timeProvider)
{
    private readonly object _lock = new();
    private readonly Dictionary<EvseId, EvseSlot> _slots = [];
    private readonly LinkedList<EvseSlot> _queue = new();
    // Written under the lock, read without it by the metrics.
    private long _received;
    private long _coalesced;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public int KnownCount
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Gets how many changes were published, for the <c>oicp.publisher.changes.received</c> counter.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Gets how many changes replaced a status still waiting, for the <c>oicp.publisher.changes.coalesced</c> counter.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Stores the latest status; returns <see langword="true"/> when the queue was empty, the only time the loop may need waking.</summary>
    public bool Publish(EvseId evseId, EvseStatus status)
    {
        lock (_lock)
        {
            if (!_slots.TryGetValue(evseId, out var slot))
            {
                slot = new EvseSlot(evseId);
                _slots.Add(evseId, slot);
            }

            slot.Status = status;
            Interlocked.Increment(ref _received);
            if (slot.Waiting)
            {
                Interlocked.Increment(ref _coalesced);
                return false;
            }

            slot.DirtySince = timeProvider.GetTimestamp();
            _queue.AddLast(slot.Node);
            return _queue.Count == 1;
        }
    }

    /// <summary>Gets how long the EVSE first in the queue has waited, or zero when none waits.</summary>
    public TimeSpan OldestWait()
    {
        lock (_lock)
        {
            return _queue.First is { } head ? timeProvider.GetElapsedTime(head.Value.DirtySince) : TimeSpan.Zero;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> waiting EVSEs, first come first, each with its latest status.</summary>
    public void Take(List<TakenChange> into, int max)
    {
        lock (_lock)
        {
            while (into.Count < max && _queue.First is { } head)
            {
                _queue.RemoveFirst();
                var slot = head.Value;
                into.Add(new TakenChange(slot, slot.EvseId, slot.Status, slot.DirtySince, 0));
            }
        }
    }

    /// <summary>
    /// Puts changes that were not delivered back first in line, in their order, except those whose EVSE has a newer
    /// status waiting already: the newer one wins but keeps the older waiting time, so staleness is not understated.
    /// </summary>
    public void Restore(IReadOnlyList<TakenChange> taken)
    {
        lock (_lock)
        {
            for (var i = taken.Count - 1; i >= 0; i--)
            {
                var change = taken[i];
                var slot = change.Slot ?? throw new ArgumentException("Only changes taken from this backlog can be restored to it.", nameof(taken));
                if (!MergeIntoWaiting(slot, change.DirtySince))
                {
                    slot.DirtySince = change.DirtySince;
                    _queue.AddFirst(slot.Node);
                }
            }
        }
    }

    /// <summary>
    /// When a newer status of the change's EVSE waits already, hands it the change's older waiting time and returns
    /// <see langword="true"/>: the taken change is superseded and must not be sent.
    /// </summary>
    public bool MergeIntoWaiting(TakenChange change)
    {
        if (change.Slot is not { } slot)
        {
            return false;
        }

        lock (_lock)
        {
            return MergeIntoWaiting(slot, change.DirtySince);
        }
    }

    /// <summary>
    /// After a fullLoad, queues every known EVSE whose latest published status differs from the snapshot record,
    /// so that a snapshot older than the published changes never has the last word.
    /// </summary>
    public void RequeueDiffering(IReadOnlyList<EvseStatusRecord> snapshot)
    {
        lock (_lock)
        {
            foreach (var record in snapshot)
            {
                if (_slots.TryGetValue(record.EvseId, out var slot) && !slot.Waiting && slot.Status != record.Status)
                {
                    slot.DirtySince = timeProvider.GetTimestamp();
                    _queue.AddLast(slot.Node);
                }
            }
        }
    }

    /// <summary>Empties the queue, for the report of what was not sent.</summary>
    public List<TakenChange> TakeAll()
    {
        var all = new List<TakenChange>();
        Take(all, int.MaxValue);
        return all;
    }

    // Under the lock.
    private static bool MergeIntoWaiting(EvseSlot slot, long dirtySince)
    {
        if (!slot.Waiting)
        {
            return false;
        }

        slot.DirtySince = Math.Min(slot.DirtySince, dirtySince);
        return true;
    }
}
