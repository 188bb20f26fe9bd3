namespace Oicp.Client.Mapping;

/// <summary>A change of the aggregated OICP status of one EVSE, as reported by <see cref="EvseStatusTracker"/>.</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Status">Its new status.</param>
public readonly record struct EvseStatusChange(EvseId EvseId, EvseStatus Status);
