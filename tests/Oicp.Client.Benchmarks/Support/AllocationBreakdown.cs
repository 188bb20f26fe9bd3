using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Oicp.Client.Benchmarks.Support;

/// <summary>
/// Which types the pushes allocate, from the runtime's randomized allocation sampling (.NET 10's
/// <c>AllocationSampled</c> event: on average one allocation per 100 KiB, each allocated byte equally likely to be
/// picked, so large objects are not over-counted as with <c>AllocationTick</c>). Each sample of an object of size s
/// stands for s / (1 - e^(-s / 100 KiB)) bytes; the shares are then applied to the exact total of
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>. Run with <c>run.sh --allocations</c>.
/// </summary>
public static class AllocationBreakdown
{
    private const double MeanSamplingDistance = 100 * 1024;

    public static void Run()
    {
        using var fixture = new Fixture();
        EvseStatusRecord[] change = [Fixture.Change];
        var fullLoad = Fixture.Records(1_000_000);

        Measure("Raw HttpClient + STJ update", 300_000, () => fixture.Raw.PushAsync("update", change));
        Measure("SDK PushStatusAsync", 300_000, () => fixture.Pusher.PushStatusAsync(change[0].EvseId, change[0].Status));
        Measure("SDK PushStatusAsync, registered (DI)", 300_000, () => fixture.RegisteredPusher.PushStatusAsync(change[0].EvseId, change[0].Status));
        Measure("Raw HttpClient + STJ fullLoad, 1M records", 20, () => fixture.Raw.PushAsync("fullLoad", fullLoad));
        Measure("SDK FullLoadAsync, 1M records", 20, () => fixture.Pusher.FullLoadAsync(fullLoad));
    }

    private static void Measure<T>(string name, int operations, Func<Task<T>> operation)
    {
        // Warm up (JIT, pools, lazily built metadata), then time without the listener: sampling slows allocations down.
        for (var i = 0; i < Math.Min(operations, 1_000); i++)
        {
            operation().GetAwaiter().GetResult();
        }

        var pausedBefore = GC.GetTotalPauseDuration();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var started = Stopwatch.GetTimestamp();
        Repeat(operations, operation);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        for (var generation = 0; generation < collections.Length; generation++)
        {
            collections[generation] = GC.CollectionCount(generation) - collections[generation];
        }

        Dictionary<string, double> samples;
        long total;
        using (var listener = new AllocationSampledListener())
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            Repeat(operations, operation);
            total = GC.GetTotalAllocatedBytes(precise: true) - before;
            samples = listener.Drain();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {name}: {total / (double)operations:N0} B per operation over {operations:N0} operations"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{elapsed.TotalMicroseconds / operations:N1} us per operation, of which {paused.TotalMicroseconds / operations:N1} us in GC pauses; collections of gen0/gen1/gen2: {collections[0]}/{collections[1]}/{collections[2]}"));
        Console.WriteLine();
        Console.WriteLine("| Type | Share | Bytes per operation |");
        Console.WriteLine("|---|---:|---:|");
        var sampled = samples.Values.Sum();
        foreach (var (type, bytes) in samples.OrderByDescending(sample => sample.Value).Take(20))
        {
            var share = bytes / sampled;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {share:P1} | {share * total / operations:N0} |"));
        }

        Console.WriteLine();
    }

    private static void Repeat<T>(int operations, Func<Task<T>> operation)
    {
        for (var i = 0; i < operations; i++)
        {
            operation().GetAwaiter().GetResult();
        }
    }

    private sealed class AllocationSampledListener : EventListener
    {
        private const int AllocationSampledEventId = 303;
        private const long AllocationSamplingKeyword = 0x80000000000;
        private readonly ConcurrentDictionary<string, double> _bytes = new();
        private long _events;

        /// <summary>Waits until the events raised so far have been dispatched (they arrive on another thread), then returns them.</summary>
        public Dictionary<string, double> Drain()
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _events);
                Thread.Sleep(500);
            }
            while (Interlocked.Read(ref _events) != seen);

            return new Dictionary<string, double>(_bytes);
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)AllocationSamplingKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != AllocationSampledEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var type = payload[names.IndexOf("TypeName")] as string ?? "?";
            var size = Convert.ToDouble(payload[names.IndexOf("ObjectSize")], CultureInfo.InvariantCulture);
            var weight = size / -double.ExpM1(-size / MeanSamplingDistance);
            _bytes.AddOrUpdate(type, weight, (_, sum) => sum + weight);
            Interlocked.Increment(ref _events);
        }
    }
}
