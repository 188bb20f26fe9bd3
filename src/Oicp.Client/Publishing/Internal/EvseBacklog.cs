using System.Collections.Concurrent;

namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// The coalescing structure: one <see cref="EvseSlot"/> per known EVSE holding its latest status, and a
/// <see cref="DirtyQueue"/> in which an EVSE appears at most once, only while it has something to send. A change
/// for an EVSE that already waits replaces the waiting status in place (latest wins) and keeps its place in the
/// queue; the loop reads the status when it takes the slot, so an older status is never sent after a newer one.
/// EVSEs are keyed by <see cref="EvseId"/> equality, which ignores the optional <c>*</c> separators, like Hubject.
/// </summary>
internal sealed class EvseBacklog(TimeProvider timeProvider)
{
    private static readonly Func<EvseId, EvseSlot> NewSlot = static id => new EvseSlot(id);

    private readonly ConcurrentDictionary<EvseId, EvseSlot> _slots = new();
    private readonly DirtyQueue _queue = new();

    public int Count => _queue.Count;

    public int KnownCount => _slots.Count;

    /// <summary>Gets how many changes were published, for the <c>oicp.publisher.changes.received</c> counter.</summary>
    public long Received => Sum(static slot => slot.Received);

    /// <summary>Gets how many changes replaced a status still waiting, for the <c>oicp.publisher.changes.coalesced</c> counter.</summary>
    public long Coalesced => Sum(static slot => slot.Received - slot.BecameWaiting);

    /// <summary>Stores the latest status; returns <see langword="true"/> when the queue was empty, the only time the loop may need waking.</summary>
    public bool Publish(EvseId evseId, EvseStatus status)
    {
        if (!_slots.TryGetValue(evseId, out var slot))
        {
            slot = _slots.GetOrAdd(evseId, NewSlot);
        }

        lock (slot)
        {
            slot.Status = status;
            slot.Received++;
            if (slot.Waiting)
            {
                return false;
            }

            slot.Waiting = true;
            slot.BecameWaiting++;
            slot.DirtySince = timeProvider.GetTimestamp();
        }

        return _queue.Enqueue(slot);
    }

    /// <summary>Gets how long the EVSE first in the queue has waited, or zero when none waits.</summary>
    public TimeSpan OldestWait()
    {
        if (_queue.Peek() is not { } head)
        {
            return TimeSpan.Zero;
        }

        long since;
        lock (head)
        {
            since = head.DirtySince;
        }

        return timeProvider.GetElapsedTime(since);
    }

    /// <summary>Takes up to <paramref name="max"/> waiting EVSEs, first come first, each with its latest status.</summary>
    public void Take(List<TakenChange> into, int max)
    {
        while (into.Count < max && _queue.TryDequeue(out var slot))
        {
            into.Add(Take(slot));
        }
    }

    /// <summary>
    /// Puts a change that was not delivered back in the queue (first, or last), unless a newer one already waits:
    /// then the newer one wins but keeps the older waiting time, so staleness is not understated.
    /// </summary>
    public void Restore(TakenChange change, bool first)
    {
        if (MergeIntoWaiting(change))
        {
            return;
        }

        var slot = change.Slot ?? throw new ArgumentException("Only a change taken from this backlog can be restored to it.", nameof(change));
        lock (slot)
        {
            // Published meanwhile: that change queued the slot already.
            if (slot.Waiting)
            {
                slot.DirtySince = Math.Min(slot.DirtySince, change.DirtySince);
                return;
            }

            slot.Waiting = true;
            slot.DirtySince = change.DirtySince;
        }

        if (first)
        {
            _queue.EnqueueFirst(slot);
        }
        else
        {
            _queue.Enqueue(slot);
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

        lock (slot)
        {
            if (!slot.Waiting)
            {
                return false;
            }

            slot.DirtySince = Math.Min(slot.DirtySince, change.DirtySince);
            return true;
        }
    }

    /// <summary>
    /// After a fullLoad, queues every known EVSE whose latest published status differs from the snapshot record,
    /// so that a snapshot older than the published changes never has the last word.
    /// </summary>
    public void RequeueDiffering(IReadOnlyList<EvseStatusRecord> snapshot)
    {
        foreach (var record in snapshot)
        {
            if (!_slots.TryGetValue(record.EvseId, out var slot))
            {
                continue;
            }

            lock (slot)
            {
                if (slot.Waiting || slot.Status == record.Status)
                {
                    continue;
                }

                slot.Waiting = true;
                slot.DirtySince = timeProvider.GetTimestamp();
            }

            _queue.Enqueue(slot);
        }
    }

    /// <summary>Empties the queue, for the report of what was not sent.</summary>
    public List<TakenChange> TakeAll()
    {
        var all = new List<TakenChange>(_queue.Count);
        Take(all, int.MaxValue);
        return all;
    }

    private static TakenChange Take(EvseSlot slot)
    {
        lock (slot)
        {
            slot.Waiting = false;
            return new TakenChange(slot, slot.Status, slot.DirtySince);
        }
    }

    // Read when a metric is collected, not per change.
    private long Sum(Func<EvseSlot, long> value)
    {
        var sum = 0L;
        foreach (var pair in _slots)
        {
            lock (pair.Value)
            {
                sum += value(pair.Value);
            }
        }

        return sum;
    }
}
