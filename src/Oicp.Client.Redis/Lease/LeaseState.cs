namespace Oicp.Client.Redis;

/// <summary>What a lease operation found, read in the same atomic step.</summary>
/// <param name="IsOwner">
/// Whether the caller's token holds the lease after the operation; for a release, whether it held the lease
/// (and so released it).
/// </param>
/// <param name="Remaining">
/// How long the current holder keeps the lease unless it renews (Redis <c>PTTL</c>): the caller's time when it
/// owns it, the other holder's otherwise, <see cref="TimeSpan.Zero"/> when nobody holds it and
/// <see cref="Timeout.InfiniteTimeSpan"/> when the key has no expiry (a value that was not written by us).
/// </param>
internal readonly record struct LeaseState(bool IsOwner, TimeSpan Remaining);
