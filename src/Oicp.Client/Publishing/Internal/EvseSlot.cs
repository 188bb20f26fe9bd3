namespace Oicp.Client.Publishing;

/// <summary>
/// The one mutable record the publisher keeps per EVSE, allocated on its first change and reused for
/// every later one, so that a steady-state <c>Publish</c> allocates nothing.
/// </summary>
/// <remarks>
/// The latest status, whether the slot waits to be sent and how many changes it received share one
/// 64-bit word. A change for a slot that already waits (the common case under load) replaces the status
/// with one compare-and-swap, without the lock: the swap only succeeds while the slot waits, and the loop
/// clears the waiting flag and reads the status in one atomic step, so no change is lost between the two.
/// Every transition to waiting goes through the slot's lock, which also guards <see cref="DirtySince"/>
/// and <see cref="BecameWaiting"/>. <see cref="Next"/> is guarded by the queue's lock, and
/// <see cref="SendAlone"/> is touched by the background loop only.
/// </remarks>
internal sealed class EvseSlot(EvseId evseId)
{
    private const long StatusMask = 0xFF;
    private const long WaitingFlag = 0x100;
    private const long OneChange = 0x200;

    private long _state;

    public EvseId EvseId { get; } = evseId;

    /// <summary>Gets the latest published status.</summary>
    public EvseStatus Status => (EvseStatus)(Volatile.Read(ref _state) & StatusMask);

    /// <summary>Gets a value indicating whether the slot waits to be sent (and so sits, or is about to sit, in the dirty queue).</summary>
    public bool Waiting => (Volatile.Read(ref _state) & WaitingFlag) != 0;

    /// <summary>Gets how many changes were published for this EVSE.</summary>
    public long Received => Volatile.Read(ref _state) >> 9;

    /// <summary>How many of those changes found the slot idle and queued it; the others coalesced. Written and read under the lock.</summary>
    public long BecameWaiting;

    /// <summary>Timestamp of the oldest change not yet acknowledged, for the staleness histogram. Under the lock.</summary>
    public long DirtySince;

    /// <summary>Set after a rejected bundle: the slot goes out in a request of its own to find the culprit.</summary>
    public bool SendAlone;

    public EvseSlot? Next;

    /// <summary>Replaces the status when the slot already waits; lock-free. Returns <see langword="false"/> when it does not wait.</summary>
    public bool TryCoalesce(EvseStatus status)
    {
        var current = Volatile.Read(ref _state);
        while ((current & WaitingFlag) != 0)
        {
            var seen = Interlocked.CompareExchange(ref _state, WithChange(current, status), current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Stores a change and marks the slot waiting; returns whether it waited already. Call under the lock.</summary>
    public bool Publish(EvseStatus status)
    {
        var current = Volatile.Read(ref _state);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _state, WithChange(current, status), current);
            if (seen == current)
            {
                return (current & WaitingFlag) != 0;
            }

            current = seen;
        }
    }

    /// <summary>Marks the slot waiting again with the status it holds (a restore or a requeue). Call under the lock.</summary>
    public void MarkWaiting() => Interlocked.Or(ref _state, WaitingFlag);

    /// <summary>Clears the waiting flag and returns the status it guarded, in one atomic step. Call under the lock.</summary>
    public EvseStatus TakeWaiting() => (EvseStatus)(Interlocked.And(ref _state, ~WaitingFlag) & StatusMask);

    private static long WithChange(long current, EvseStatus status) =>
        ((current & ~StatusMask) + OneChange) | WaitingFlag | (long)status;
}
