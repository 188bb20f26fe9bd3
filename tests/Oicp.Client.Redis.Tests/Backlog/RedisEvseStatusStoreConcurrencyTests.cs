using Oicp.Client.Redis.Tests.TestSupport;
using Xunit.Abstractions;

namespace Oicp.Client.Redis.Tests.Backlog;

public sealed class RedisEvseStatusStoreConcurrencyTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private const int Writers = 3;
    private const int OwnedEvses = 30;
    private const int SharedEvses = 30;
    private const int PublishesPerWriter = 1_500;

    [Fact]
    public async Task Writers_on_several_connections_a_taker_and_a_takeover_lose_and_reorder_no_change()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var keys = RedisFixture.NewOperator();
        var evses = Enumerable.Range(0, OwnedEvses + SharedEvses).Select(n => RedisFixture.Evse(keys, n)).ToArray();
        var publishCounts = new int[evses.Length];

        // EVSEs below OwnedEvses belong to writer n % Writers, so their truth is that writer's last change;
        // the others are written by everyone at once, and their truth is whatever Redis saw last.
        var ownedTruth = new EvseStatus[OwnedEvses];
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await using var connection = await redis.Server.ConnectAsync();
            var store = new RedisEvseStatusStore(connection.GetDatabase(), keys);
            var random = new Random(seed + w);
            for (var published = 0; published < PublishesPerWriter;)
            {
                var batch = new List<(EvseId, EvseStatus)>();
                for (var size = random.Next(1, 17); size > 0 && published < PublishesPerWriter; size--, published++)
                {
                    var n = random.Next(2) == 0
                        ? (random.Next(OwnedEvses / Writers) * Writers) + w
                        : OwnedEvses + random.Next(SharedEvses);
                    var status = (EvseStatus)random.Next(4);
                    batch.Add((evses[n], status));
                    Interlocked.Increment(ref publishCounts[n]);
                    if (n < OwnedEvses)
                    {
                        ownedTruth[n] = status;
                    }
                }

                await store.PublishAsync(batch);
            }
        })).ToArray();
        var writersDone = Task.WhenAll(writers);

        await using var takerConnection = await redis.Server.ConnectAsync();
        var taker = new RedisEvseStatusStore(takerConnection.GetDatabase(), keys);
        var random = new Random(seed - 1);
        var sent = new Dictionary<EvseId, TakenEvseStatus>();
        var holder = "taker-1";
        var rounds = 0;
        while (true)
        {
            var finished = writersDone.IsCompleted;
            var taken = await taker.TakeAsync(random.Next(1, 9), holder);
            if (taken.Count == 0)
            {
                if (finished)
                {
                    break;
                }

                await Task.Yield();
                continue;
            }

            if (++rounds == 40)
            {
                // The holder dies with this batch in flight; the next one takes over.
                holder = "taker-2";
                (await taker.ReclaimAsync(holder)).Should().Be(taken.Count);
                continue;
            }

            if (random.Next(10) == 0)
            {
                (await taker.RestoreAsync(taken, holder)).Should().Be(taken.Count);
                continue;
            }

            foreach (var change in taken)
            {
                if (sent.TryGetValue(change.EvseId, out var previous))
                {
                    change.Sequence.Should().BeGreaterThan(previous.Sequence, "a change sent after another of the same EVSE is newer");
                }

                sent[change.EvseId] = change;
            }

            (await taker.AcknowledgeAsync(taken, holder)).Should().Be(taken.Count);
        }

        await writersDone;
        rounds.Should().BeGreaterThan(40, "the takeover happened mid-run");
        (await takerConnection.GetDatabase().HashLengthAsync(keys.InFlight)).Should().Be(0);
        for (var n = 0; n < evses.Length; n++)
        {
            if (publishCounts[n] == 0)
            {
                continue;
            }

            var latest = (string?)await takerConnection.GetDatabase().HashGetAsync(keys.Statuses, evses[n].ToString());
            sent[evses[n]].Sequence.Should().Be(publishCounts[n], $"the last status sent for {evses[n]} is its last change");
            sent[evses[n]].Status.ToWireString().Should().Be(latest);
            if (n < OwnedEvses)
            {
                sent[evses[n]].Status.Should().Be(ownedTruth[n], $"{evses[n]} ends as its only writer left it");
            }
        }
    }
}
