using System.Diagnostics;
using Oicp.Client.Redis.Tests.TestSupport;
using Xunit.Abstractions;

namespace Oicp.Client.Redis.Tests.Backlog;

/// <summary>
/// Measures how many changes per second a flusher gets into a local redis-server and prints the figure
/// (run with <c>--logger "console;verbosity=detailed"</c> to see it). It asserts the result, never a time.
/// </summary>
public sealed class RedisEvseStatusStoreThroughputTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private const int Evses = 10_000;
    private const int Changes = 200_000;
    private const int FlushBatch = 1_000;

    [Fact]
    public async Task Flushing_batches_of_changes_into_a_local_Redis_reports_changes_per_second()
    {
        var keys = RedisFixture.NewOperator();
        var store = new RedisEvseStatusStore(redis.Database, keys);
        var random = new Random(13);
        var batches = Enumerable.Range(0, Changes / FlushBatch)
            .Select(_ => Enumerable.Range(0, FlushBatch).Select(_ => (RedisFixture.Evse(keys, random.Next(Evses)), (EvseStatus)random.Next(4))).ToList())
            .ToList();
        await store.PublishAsync(batches[0]);

        // The flusher's pattern: one batch at a time, each awaited before the next.
        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in batches.Skip(1))
        {
            await store.PublishAsync(batch);
        }

        stopwatch.Stop();
        var perSecond = (Changes - FlushBatch) / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"PublishAsync, batches of {FlushBatch}: {Changes - FlushBatch:N0} changes over {Evses:N0} EVSEs in {stopwatch.ElapsedMilliseconds} ms = {perSecond:N0} changes/s");

        var sequences = await redis.Database.HashValuesAsync(keys.Sequences);
        sequences.Sum(static s => (long)s).Should().Be(Changes, "every change counted once");
        (await store.CountWaitingAsync()).Should().Be(sequences.Length);
    }
}
