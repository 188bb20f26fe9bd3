namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// The one mutable record the publisher keeps per EVSE, allocated on its first change and reused for every later
/// one, so that a steady-state <c>Publish</c> allocates nothing. Every field but <see cref="Next"/> is read and
/// written under the slot's own lock (uncontended but for the moment the loop takes the slot); <see cref="Next"/>
/// belongs to the <see cref="DirtyQueue"/> and is guarded by its lock.
/// </summary>
internal sealed class EvseSlot(EvseId evseId)
{
    public EvseId EvseId { get; } = evseId;

    /// <summary>The latest published status: what goes out when the slot's turn comes.</summary>
    public EvseStatus Status;

    /// <summary>Whether the slot waits in the dirty queue (or is about to be put there).</summary>
    public bool Waiting;

    /// <summary>Timestamp of the oldest change not yet acknowledged, for the staleness histogram.</summary>
    public long DirtySince;

    /// <summary>How many changes were published for this EVSE.</summary>
    public long Received;

    /// <summary>How many of those changes found the slot idle and queued it; the others replaced a waiting status.</summary>
    public long BecameWaiting;

    public EvseSlot? Next;
}
