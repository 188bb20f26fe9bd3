using System.Collections.Concurrent;

namespace Oicp.Client.Publishing;

/// <summary>
/// The coalescing structure: one preallocated <see cref="EvseSlot"/> per known EVSE holding its latest
/// status, and a <see cref="DirtyQueue"/> in which an EVSE appears at most once, only while it has
/// something to send. A change for an EVSE that already waits replaces the waiting status in place.
/// </summary>
internal sealed class EvseBacklog(TimeProvider timeProvider)
{
    private static readonly Func<EvseId, EvseSlot> NewSlot = static id => new EvseSlot(id);
    private static readonly Func<EvseSlot, bool> CanJoinBundle = static slot => !slot.SendAlone;

    private readonly ConcurrentDictionary<EvseId, EvseSlot> _slots = new();
    private readonly DirtyQueue _queue = new();

    public int Count => _queue.Count;

    public int KnownCount => _slots.Count;

    /// <summary>Gets how many changes were published, for the <c>oicp.publisher.changes.received</c> counter.</summary>
    public long Received => Sum(static slot => slot.Received);

    /// <summary>Gets how many changes replaced a status still waiting, for the <c>oicp.publisher.changes.coalesced</c> counter.</summary>
    public long Coalesced => Sum(static slot =>
    {
        // Under the lock, BecameWaiting cannot move while Received is read, so each reading is exact and the
        // counter never goes backwards (the lock-free path only ever adds coalesced changes).
        lock (slot)
        {
            return slot.Received - slot.BecameWaiting;
        }
    });

    /// <summary>Stores the latest status; returns <see langword="true"/> when the loop may be parked on an empty queue and needs waking.</summary>
    public bool Publish(EvseId evseId, EvseStatus status)
    {
        if (!_slots.TryGetValue(evseId, out var slot))
        {
            slot = _slots.GetOrAdd(evseId, NewSlot);
        }

        // The EVSE already waits: latest wins, without the lock and without touching the queue.
        if (slot.TryCoalesce(status))
        {
            return false;
        }

        lock (slot)
        {
            if (slot.Publish(status))
            {
                return false;
            }

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

    /// <summary>
    /// Takes up to <paramref name="max"/> waiting EVSEs with their latest status. A slot marked
    /// <see cref="EvseSlot.SendAlone"/> is always taken on its own.
    /// </summary>
    public void Take(List<TakenChange> into, int max)
    {
        if (!_queue.TryDequeue(out var first))
        {
            return;
        }

        into.Add(Take(first));
        if (first.SendAlone)
        {
            return;
        }

        while (into.Count < max && _queue.TryDequeueIf(CanJoinBundle, out var next))
        {
            into.Add(Take(next));
        }
    }

    /// <summary>
    /// Puts a change that was not delivered back, unless a newer one already waits (the newer one wins,
    /// but keeps the older timestamp so staleness is not understated).
    /// </summary>
    public void Restore(TakenChange change, bool first)
    {
        var slot = change.Slot;
        lock (slot)
        {
            if (slot.Waiting)
            {
                slot.DirtySince = Math.Min(slot.DirtySince, change.DirtySince);
                return;
            }

            slot.MarkWaiting();
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
    /// After a fullLoad, queues every known EVSE whose latest published status differs from the snapshot
    /// record, so that a snapshot older than the published changes never has the last word.
    /// </summary>
    public void RequeueDiffering(List<EvseStatusRecord> snapshot)
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

                slot.MarkWaiting();
                slot.DirtySince = timeProvider.GetTimestamp();
            }

            _queue.Enqueue(slot);
        }
    }

    /// <summary>Empties the queue into records, for the shutdown report.</summary>
    public List<EvseStatusRecord> TakeAllUnsent()
    {
        var unsent = new List<EvseStatusRecord>(_queue.Count);
        while (_queue.TryDequeue(out var slot))
        {
            unsent.Add(Take(slot).ToRecord());
        }

        return unsent;
    }

    private static TakenChange Take(EvseSlot slot)
    {
        lock (slot)
        {
            return new TakenChange(slot, slot.TakeWaiting(), slot.DirtySince);
        }
    }

    // Read when a metric is collected, not per change: a lock-free walk of the table, monotonic because each slot's count is.
    private long Sum(Func<EvseSlot, long> value)
    {
        var sum = 0L;
        foreach (var pair in _slots)
        {
            sum += value(pair.Value);
        }

        return sum;
    }
}
