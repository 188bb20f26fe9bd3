namespace Oicp.Client.Publishing;

/// <summary>
/// The one mutable record the publisher keeps per EVSE, allocated on its first change and reused for
/// every later one, so that a steady-state <c>Publish</c> allocates nothing. Fields are guarded by the
/// slot's own lock, except <see cref="Next"/> (guarded by the queue's lock) and <see cref="SendAlone"/>
/// (touched by the background loop only).
/// </summary>
internal sealed class EvseSlot(EvseId evseId)
{
    public EvseId EvseId { get; } = evseId;

    /// <summary>The latest published status.</summary>
    public EvseStatus Status;

    /// <summary>Whether <see cref="Status"/> still has to be sent.</summary>
    public bool Dirty;

    /// <summary>Whether the slot sits in the dirty queue; keeps an EvseID out of the queue twice.</summary>
    public bool Queued;

    /// <summary>Timestamp of the oldest change not yet acknowledged, for the staleness histogram.</summary>
    public long DirtySince;

    /// <summary>Set after a rejected bundle: the slot goes out in a request of its own to find the culprit.</summary>
    public bool SendAlone;

    public EvseSlot? Next;
}
