namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// The one mutable record the publisher keeps per EVSE, allocated on its first change and reused for every later
/// one, together with its node in the queue, so that a steady-state <c>Publish</c> allocates nothing. Read and
/// written under the <see cref="EvseBacklog"/>'s lock.
/// </summary>
internal sealed class EvseSlot
{
    public EvseSlot(EvseId evseId)
    {
        EvseId = evseId;
        Node = new LinkedListNode<EvseSlot>(this);
    }

    public EvseId EvseId { get; }

    /// <summary>Gets the slot's place in the backlog's queue; in the queue exactly while the slot has something to send.</summary>
    public LinkedListNode<EvseSlot> Node { get; }

    /// <summary>Gets a value indicating whether the slot waits in the queue.</summary>
    public bool Waiting => Node.List is not null;

    /// <summary>The latest published status: what goes out when the slot's turn comes.</summary>
    public EvseStatus Status;

    /// <summary>Timestamp of the oldest change not yet acknowledged, for the staleness histogram.</summary>
    public long DirtySince;
}
