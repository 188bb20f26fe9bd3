using Oicp.Client.Publishing.Internal;
using static Oicp.Client.Tests.Publishing.PublisherHarness;

namespace Oicp.Client.Tests.Publishing;

/// <summary>The coalescing path raced against the loop taking slots, on real threads.</summary>
public sealed class BacklogConcurrencyTests
{
    private const int Writers = 4;
    private const int EvsesPerWriter = 50;
    private const int ChangesPerEvse = 2_000;

    [Fact]
    public async Task Concurrent_publishes_and_takes_lose_no_change_and_never_reorder_an_EVSEs_statuses()
    {
        var backlog = new EvseBacklog(TimeProvider.System);
        var published = new Dictionary<EvseId, EvseStatus[]>();
        for (var evse = 0; evse < Writers * EvsesPerWriter; evse++)
        {
            // A pseudo-random sequence per EVSE, so that an old status reappearing out of order is visible.
            var random = new Random(evse);
            published[Evse(evse)] = [.. Enumerable.Range(0, ChangesPerEvse).Select(_ => (EvseStatus)random.Next(6))];
        }

        var taken = published.Keys.ToDictionary(id => id, _ => new List<EvseStatus>());
        var writersDone = 0;
        using var start = new Barrier(Writers + 1);
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
        {
            var ids = Enumerable.Range(writer * EvsesPerWriter, EvsesPerWriter).Select(Evse).ToArray();
            start.SignalAndWait();
            for (var change = 0; change < ChangesPerEvse; change++)
            {
                foreach (var id in ids)
                {
                    backlog.Publish(id, published[id][change]);
                }
            }

            Interlocked.Increment(ref writersDone);
        })).ToArray();
        var loop = Task.Run(() =>
        {
            var batch = new List<TakenChange>();
            start.SignalAndWait();
            while (true)
            {
                // Read before taking: once every writer is done, one more empty take proves nothing is left.
                var done = Volatile.Read(ref writersDone) == Writers;
                batch.Clear();
                backlog.Take(batch, 7);
                batch.Select(change => change.EvseId).Should().OnlyHaveUniqueItems();
                foreach (var change in batch)
                {
                    taken[change.EvseId].Add(change.Status);
                }

                if (done && batch.Count == 0)
                {
                    return;
                }
            }
        });

        await Task.WhenAll([.. writers, loop]).WaitAsync(TimeSpan.FromMinutes(1));

        backlog.Count.Should().Be(0);
        backlog.Received.Should().Be(Writers * EvsesPerWriter * ChangesPerEvse);
        backlog.Coalesced.Should().Be(backlog.Received - taken.Values.Sum(statuses => statuses.Count));
        foreach (var (id, statuses) in taken)
        {
            statuses.Should().NotBeEmpty().And.HaveElementAt(statuses.Count - 1, published[id][^1], "the latest status wins");
            IsInOrder(statuses, published[id]).Should().BeTrue($"{id} must be sent in publication order");
        }
    }

    /// <summary>Whether <paramref name="sent"/> appears within <paramref name="published"/> in the same order.</summary>
    private static bool IsInOrder(List<EvseStatus> sent, EvseStatus[] published)
    {
        var next = 0;
        foreach (var status in sent)
        {
            next = Array.IndexOf(published, status, next);
            if (next < 0)
            {
                return false;
            }

            next++;
        }

        return true;
    }
}
