using System.Diagnostics;
using System.Text.Json;
using Oicp.Client.Redis.Tests.TestSupport;
using Xunit.Abstractions;

namespace Oicp.Client.Redis.Tests.Coordination;

/// <summary>
/// Measures the publisher coordinated through a local redis-server and prints the figures (run with
/// <c>--logger "console;verbosity=detailed"</c> to see them; docs/scale-out.md quotes them). Each asserts what it
/// measured arrived complete, never a time.
/// </summary>
public sealed class CoordinatedPublisherMeasurementTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int EvseCount = 10_000;
    private static readonly OperatorId Operator = OperatorId.Parse("DE*MSR");

    private OperatorTestbed _testbed = null!;

    private EvseId[] Evses => _testbed.Evses;

    public async Task InitializeAsync() => _testbed = await OperatorTestbed.StartAsync(Operator, EvseCount, TimeSpan.FromMilliseconds(50));

    public async Task DisposeAsync() => await _testbed.DisposeAsync();

    [Fact]
    public async Task Publish_on_a_coordinated_instance_allocates_nothing_in_steady_state_and_reports_its_cost()
    {
        var instance = await _testbed.StartInstanceAsync("instance 1");
        const int Batches = 5;
        const int RoundsPerBatch = 4;
        for (var round = 0; round < 3; round++)
        {
            PublishRound(instance, round);
        }

        // The fewest bytes of five batches: an allocation per call shows in every batch, while one the runtime makes once
        // on this thread (a first contention, code still waiting for its optimized version) would fail one run in many.
        var fewest = long.MaxValue;
        var started = Stopwatch.GetTimestamp();
        for (var batch = 0; batch < Batches; batch++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var round = 0; round < RoundsPerBatch; round++)
            {
                PublishRound(instance, round);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"Publish on a coordinated instance: {elapsed.TotalNanoseconds / (Batches * RoundsPerBatch * EvseCount):F0} ns per call over {Batches * RoundsPerBatch * EvseCount:N0} calls, {fewest} bytes allocated on the publishing thread in the batch of {RoundsPerBatch * EvseCount:N0} calls that allocated least");

        fewest.Should().Be(0, "Publish only writes into the local backlog and signals the flusher");
        await instance.FlushedAsync();
    }

    [Fact]
    public async Task The_flusher_hands_changes_to_a_local_Redis_and_reports_changes_per_second()
    {
        var instance = await _testbed.StartInstanceAsync("instance 1");
        await instance.FlushedAsync();
        const int Rounds = 5;
        var flushed = TimeSpan.Zero;
        for (var round = 1; round <= Rounds; round++)
        {
            // Every EVSE changes once: nothing coalesces in memory, each change is one entry handed to Redis.
            var stopwatch = Stopwatch.StartNew();
            PublishRound(instance, round);
            await instance.FlushedAsync();
            flushed += stopwatch.Elapsed;
        }

        output.WriteLine($"Flusher into a local Redis: {Rounds * EvseCount:N0} changes in {flushed.TotalMilliseconds:F0} ms = {Rounds * EvseCount / flushed.TotalSeconds:N0} changes/s");
        instance.Coordinator.LocalWaiting.Should().Be(0);
    }

    [Fact]
    public async Task Freshness_with_three_instances_at_1200_changes_a_minute_and_a_50_ms_round_trip_is_reported()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _testbed.StartInstanceAsync($"instance {i}");
        }

        await Eventually.TrueAsync(() => _testbed.Hubject.AgreesWith(_testbed.Truth), TimeSpan.FromSeconds(20), "the fullLoad at start reaches Hubject");
        var published = new List<(EvseId Evse, string Status, DateTimeOffset At)>();
        var random = new Random(5);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var n = 0; n < 300 && await timer.WaitForNextTickAsync(); n++)
        {
            var evse = Evses[random.Next(EvseCount)];
            var status = _testbed.Truth.Statuses[evse] == EvseStatus.Occupied ? EvseStatus.Available : EvseStatus.Occupied;
            _testbed.Truth.Statuses[evse] = status;
            published.Add((evse, status.ToString(), DateTimeOffset.UtcNow));
            _testbed.Instances[n % 3].Publisher.Publish(evse, status);
        }

        await Eventually.TrueAsync(() => _testbed.Hubject.AgreesWith(_testbed.Truth), TimeSpan.FromSeconds(15), "every change reaches Hubject");
        var staleness = Staleness(published);
        output.WriteLine(
            $"Freshness, 3 instances, 50 ms round trip, 1,200 changes/min: {published.Count} changes, p50 {Percentile(staleness, 0.50):F3} s, " +
            $"p99 {Percentile(staleness, 0.99):F3} s, max {staleness[^1]:F3} s (single process: p99 0.175 s)");
        staleness.Should().HaveCount(published.Count, "every change was carried by a request");
        _testbed.Hubject.Emulator.Statistics.OverlappingRequests.Should().Be(0);
    }

    /// <summary>Seconds from each Publish until the emulator received a request carrying that status, sorted.</summary>
    private List<double> Staleness(List<(EvseId Evse, string Status, DateTimeOffset At)> published)
    {
        var carried = new List<(DateTimeOffset At, HashSet<(string, string)> Records)>();
        foreach (var request in _testbed.Hubject.Emulator.Requests.Where(static r => r.IsSuccess))
        {
            using var body = JsonDocument.Parse(request.Body);
            var records = body.RootElement.GetProperty("OperatorEvseStatus").GetProperty("EvseStatusRecord").EnumerateArray()
                .Select(static r => (r.GetProperty("EvseID").GetString()!, r.GetProperty("EvseStatus").GetString()!))
                .ToHashSet();
            carried.Add((request.ReceivedAt, records));
        }

        return published
            .Select(change => carried.FirstOrDefault(request => request.At >= change.At && request.Records.Contains((change.Evse.ToString(), change.Status))))
            .Zip(published, static (request, change) => request.Records is null ? double.NaN : (request.At - change.At).TotalSeconds)
            .Where(static seconds => !double.IsNaN(seconds))
            .Order()
            .ToList();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private void PublishRound(ClusterInstance instance, int round)
    {
        var status = (EvseStatus)(round % 4);
        foreach (var evse in Evses)
        {
            instance.Publisher.Publish(evse, status);
        }
    }
}
