namespace Oicp.Client.Publishing.Internal;

/// <summary>A status taken out of its slot for one request, with what is needed to put it back or measure it.</summary>
internal readonly record struct TakenChange(EvseSlot Slot, EvseStatus Status, long DirtySince)
{
    public EvseStatusRecord ToRecord() => new(Slot.EvseId, Status);
}
