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

    /// <summary>Stores the latest status; returns <see langword="true"/> when the loop may be parked on an empty queue and needs waking.</summary>
    public bool Publish(EvseId evseId, EvseStatus status, out bool coalesced)
    {
        if (!_slots.TryGetValue(evseId, out var slot))
        {
            slot = _slots.GetOrAdd(evseId, NewSlot);
        }

        bool enqueue;
        lock (slot)
        {
            coalesced = slot.Queued;
            slot.Status = status;
            if (!slot.Dirty)
            {
                slot.Dirty = true;
                slot.DirtySince = timeProvider.GetTimestamp();
            }

            enqueue = !slot.Queued;
            slot.Queued = true;
        }

        return enqueue && _queue.Enqueue(slot);
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
            if (slot.Dirty)
            {
                slot.DirtySince = Math.Min(slot.DirtySince, change.DirtySince);
                return;
            }

            slot.Dirty = true;
            slot.Queued = true;
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
                if (slot.Dirty || slot.Status == record.Status)
                {
                    continue;
                }

                slot.Dirty = true;
                slot.Queued = true;
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
            slot.Queued = false;
            slot.Dirty = false;
            return new TakenChange(slot, slot.Status, slot.DirtySince);
        }
    }
}
