namespace Oicp.Client;

/// <summary>The status of one EVSE, as pushed to Hubject.</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Status">Its status.</param>
public readonly record struct EvseStatusRecord(EvseId EvseId, EvseStatus Status);
