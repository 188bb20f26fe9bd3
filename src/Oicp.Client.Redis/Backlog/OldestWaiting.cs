namespace Oicp.Client.Redis;

/// <summary>The EVSE that has waited longest in the shared backlog, measured on the Redis clock.</summary>
/// <param name="EvseId">The EVSE.</param>
/// <param name="Since">The Redis time since which it waits.</param>
/// <param name="Age">How long it has waited, by the Redis clock (never negative).</param>
internal readonly record struct OldestWaiting(EvseId EvseId, DateTimeOffset Since, TimeSpan Age);
