namespace Oicp.Client.Publishing.Internal;

/// <summary>
/// A status taken for one request, with what is needed to put it back or measure it: the local slot it came from
/// (<see langword="null"/> when a coordinator took it from a shared backlog), and the shared backlog's per-EVSE
/// sequence (0 for a local change), which decides whether an acknowledgement still applies.
/// </summary>
internal readonly record struct TakenChange(EvseSlot? Slot, EvseId EvseId, EvseStatus Status, long DirtySince, long Sequence)
{
    public EvseStatusRecord ToRecord() => new(EvseId, Status);
}
