using Oicp.Client.Publishing;
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
                backlog.Publish(id, status, out _);
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

        allocated.Should().Be(0);
        taken.Should().HaveCount(ids.Length);
    }
}
