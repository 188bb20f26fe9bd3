using Oicp.Client.Publishing.Internal;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

public sealed class AllocationTests
{
    [Fact]
    public void Steady_state_Publish_of_a_known_EVSE_allocates_nothing()
    {
        var harness = new PublisherHarness();
        var ids = Enumerable.Range(0, 1_000).Select(Evse).ToArray();
        var backlog = new EvseBacklog(TimeProvider.System);
        var taken = new List<TakenChange>(ids.Length);
        void Round(int round)
        {
            var status = (EvseStatus)(round % 4);
            foreach (var id in ids)
            {
                harness.Publisher.Publish(id, status);
                backlog.Publish(id, status);
            }

            // Taking clears the slots, so the next round goes through the "becomes dirty and is queued" path again.
            taken.Clear();
            backlog.Take(taken, ids.Length);
        }

        Round(0);
        Round(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 2; round < 102; round++)
        {
            Round(round);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 100,000 publishes: one allocation per change (24 bytes at least) would show as 2.4 MB. The bound
        // leaves room for one-off runtime work on this thread (a loop wake-up, tier-up), never per change.
        allocated.Should().BeLessThan(100 * ids.Length / 10, "steady-state Publish allocates nothing per change");
        taken.Should().HaveCount(ids.Length);
    }
}
