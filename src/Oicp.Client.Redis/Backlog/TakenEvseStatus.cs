namespace Oicp.Client.Redis;

/// <summary>A status taken from the shared backlog for one request, recorded as in flight until it is acknowledged or restored.</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Status">Its latest status when it was taken.</param>
/// <param name="Sequence">The per-EVSE sequence number of that status; a later publish has a greater one.</param>
/// <param name="WaitingSince">The Redis time since which the EVSE waited to be sent (its first waiting time).</param>
internal readonly record struct TakenEvseStatus(EvseId EvseId, EvseStatus Status, long Sequence, DateTimeOffset WaitingSince)
{
    public EvseStatusRecord ToRecord() => new(EvseId, Status);
}
