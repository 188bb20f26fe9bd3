namespace Oicp.Client.Publishing.Internal;

/// <summary>What the publisher knows when the channel is free: the numbers the <see cref="SendingPolicy"/> decides on.</summary>
/// <param name="Waiting">How many EVSEs wait with a change to send.</param>
/// <param name="OldestWait">How long the first of them has waited.</param>
/// <param name="RoundTrip">The measured round trip of one request (zero before the first answer).</param>
/// <param name="FreePermits">How many more requests the rate window allows now.</param>
/// <param name="PermitLimit">The most requests in a window; 0 when there is no limit.</param>
/// <param name="UntilRefill">How long until the window frees one more permit than it has free now (a whole window when it is empty).</param>
/// <param name="SinceLastStart">How long ago the previous request started.</param>
internal readonly record struct SendingSituation(
    int Waiting,
    TimeSpan OldestWait,
    TimeSpan RoundTrip,
    int FreePermits,
    int PermitLimit,
    TimeSpan UntilRefill,
    TimeSpan SinceLastStart);

/// <summary>
/// The publisher's sending policy, pure: no clock, no threads, numbers in and a decision out. The channel carries
/// one request at a time; whenever it is free the policy says how many waiting changes the next request carries
/// and whether the rate budget asks the request to wait.
/// </summary>
/// <remarks>
/// <para>
/// <b>Singles while they keep up.</b> Hubject asks for status changes one at a time. One request costs the round
/// trip, or, when that is shorter, its share of what is left of the rate budget: the time until the window frees
/// another permit divided by the free permits (30 ms when the whole minute's 2000 are free). Waiting changes go one by one while the last of them
/// would still leave within one round trip plus <c>bundleAfter</c> of its oldest; otherwise the next request
/// carries all of them (up to the per-request cap). So the channel never falls behind: however fast changes
/// come, a change waits at most for the request in flight and the one before it.
/// </para>
/// <para>
/// <b>Spread the budget, never park.</b> A sliding window emptied by a burst would leave the channel silent until
/// the burst slides out, seconds later. While at least half of the window's permits are free, a request leaves
/// as soon as the previous one is answered; below half, the free permits are spread evenly over the time until the
/// window frees more, so the channel never runs dry before it does. With bundling off nothing is spread: every
/// change needs a request of its own, and spreading would only slow them.
/// </para>
/// </remarks>
internal sealed class SendingPolicy(TimeSpan bundleAfter, int maxRecordsPerRequest, bool bundlingEnabled)
{
    /// <summary>How many of the waiting changes the next request carries: 1 (a single), or all of them up to the cap.</summary>
    public int RecordsToTake(in SendingSituation situation)
    {
        if (situation.Waiting <= 1 || !bundlingEnabled || maxRecordsPerRequest <= 1)
        {
            return Math.Min(situation.Waiting, 1);
        }

        var perRequest = Max(situation.RoundTrip, ShareOfBudget(situation));
        var lastSingleLeaves = situation.OldestWait + (perRequest * (situation.Waiting - 1));
        return lastSingleLeaves <= situation.RoundTrip + bundleAfter ? 1 : Math.Min(situation.Waiting, maxRecordsPerRequest);
    }

    /// <summary>How long the next request should wait so that the rate budget lasts until the window frees more; zero mostly.</summary>
    public TimeSpan SpreadDelay(in SendingSituation situation)
    {
        if (!bundlingEnabled || situation.PermitLimit <= 0 || situation.FreePermits >= situation.PermitLimit / 2)
        {
            return TimeSpan.Zero;
        }

        var spacing = ShareOfBudget(situation);
        return spacing > situation.SinceLastStart ? spacing - situation.SinceLastStart : TimeSpan.Zero;
    }

    private static TimeSpan ShareOfBudget(in SendingSituation situation) =>
        situation.PermitLimit <= 0 ? TimeSpan.Zero : situation.UntilRefill / Math.Max(situation.FreePermits, 1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
