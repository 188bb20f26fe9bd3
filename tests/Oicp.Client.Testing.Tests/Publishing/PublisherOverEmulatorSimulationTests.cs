using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Oicp.Client.Mapping;
using Oicp.Client.Publishing;
using Oicp.Client.Testing.Tests.TestSupport;
using Oicp.Samples.OcppBridge;
using Xunit.Abstractions;

namespace Oicp.Client.Testing.Tests.Publishing;

/// <summary>
/// The whole pipeline on a fake clock: a simulated OCPP 1.6 fleet of 10,000 EVSEs feeds the tracker, the tracker feeds
/// the real publisher, which pushes through the real pusher (retries and rate limit included, both on the fake clock)
/// to the emulator, registered through dependency injection as an application does.
/// </summary>
public sealed class PublisherOverEmulatorSimulationTests(ITestOutputHelper output)
{
    private const int ChargePoints = 5_000;
    private const int Ticks = 600;
    private static readonly OperatorId Operator = OperatorId.Parse("DE*ABC");
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Ten_thousand_EVSEs_under_OCPP_bursts_and_transient_faults_end_equal_to_the_truth_on_the_emulator_within_2000_requests_per_minute()
    {
        var clock = new TimerTrackingClock(new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        var emulator = new OicpEmulator(new OicpEmulatorOptions { TimeProvider = clock, CallerOperatorId = Operator });
        var fleet = new OcppFleet(Operator, ChargePoints, seed: 6);
        emulator.RegisterOperator(Operator);
        emulator.RegisterEvseData(fleet.EvseIds);
        var tracker = new EvseStatusTracker();
        fleet.Declare(tracker);
        fleet.Boot(tracker, new List<EvseStatusChange>());
        var inFlight = new InFlightCounter(clock);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(tracker);
        services.AddSingleton<IEvseStatusSnapshotSource, TrackerSnapshotSource>();
        var client = services.AddOicpEvseStatusPusher(o =>
        {
            o.OperatorId = Operator.ToString();
            o.BaseAddress = new Uri("https://emulator.test/api/oicp/");
        });
        client.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler()).AddHttpMessageHandler(inFlight.CreateHandler);
        client.AddEvseStatusPublisher(o => o.FullLoadOnStart = true);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var publisher = provider.GetRequiredService<EvseStatusPublisher>();
        using var staleness = new StalenessListener(publisher.Meter);
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var driver = new Driver(clock, inFlight, publisher);
        var start = clock.GetUtcNow();
        var changes = new List<EvseStatusChange>();
        var changesPerTick = new int[Ticks + 1];
        var faults = 0;
        for (var tick = 1; tick <= Ticks; tick++)
        {
            await driver.RunUntilAsync(start + (Tick * tick));
            changes.Clear();
            if (tick == 100)
            {
                // A third of the fleet drops off at once (Unknown), and comes back 25 s later in a reconnect storm.
                fleet.Outage(tracker, 0.3, ticks: 250, changes);
            }

            // 1,200 StatusNotifications a minute, and a rush of 24,000 a minute for 10 s.
            fleet.Tick(tracker, tick is > 400 and <= 500 ? 40 : 2, changes);
            publisher.PublishAll(changes);
            changesPerTick[tick] = changes.Count;
            if (tick == 300)
            {
                publisher.TriggerFullLoad();
            }

            faults += InjectFaults(emulator, tick);
        }

        await driver.RunUntilDrainedAsync(start + TimeSpan.FromMinutes(30));
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        var truth = tracker.GetSnapshot().ToDictionary(record => record.EvseId, record => record.Status);
        var requests = emulator.Requests;
        var changeCount = changesPerTick.Sum();
        var maxPerMinute = MaxInAnyMinute(requests.Select(request => request.ReceivedAt));
        truth.Should().HaveCount(2 * ChargePoints);
        emulator.GetStatuses(Operator).Should().Equal(truth);
        emulator.Statistics.OverlappingRequests.Should().Be(0);
        emulator.Statistics.RateLimitedRequests.Should().Be(0);
        maxPerMinute.Should().BeLessThanOrEqualTo(2000);
        emulator.Statistics.FaultedRequests.Should().Be(faults, "every injected fault met a request");
        changeCount.Should().BeGreaterThan(2 * 2000, "in its one simulated minute the fleet outruns Hubject's limit");
        requests.Count(request => request.ActionType == ActionType.FullLoad && request.IsSuccess).Should().Be(2);

        var values = staleness.Sorted();
        values.Should().NotBeEmpty();
        output.WriteLine(
            $"{fleet.Messages} OCPP messages and {changeCount} EVSE changes in 60 s; {maxPerMinute} requests in the busiest minute; " +
            $"{requests.Count} HTTP requests ({requests.Count(r => r.RecordCount == 1)} single, {requests.Count(r => r.RecordCount > 1 && r.ActionType == ActionType.Update)} bundles), " +
            $"{faults} injected faults, simulated {(clock.GetUtcNow() - start).TotalSeconds:F0} s, driver steps {driver.Steps}, " +
            $"peak working set {Environment.WorkingSet / (1024 * 1024)} MB");
        var times = requests.Select(request => request.ReceivedAt).ToArray();
        var pause = Enumerable.Range(1, times.Length - 1).Select(i => (Length: times[i] - times[i - 1], From: times[i - 1] - start)).MaxBy(gap => gap.Length);
        output.WriteLine($"longest pause between two requests {pause.Length.TotalSeconds:F1} s, from {pause.From.TotalSeconds:F1} s (the sliding window full)");
        output.WriteLine($"staleness p50 {Percentile(values, 0.50):F0} ms, p99 {Percentile(values, 0.99):F0} ms, max {values[^1]:F0} ms over {values.Length} acknowledged changes");
    }

    /// <summary>
    /// Blips that fail the next request, and runs of five failures in a row that reach deep into the publisher's backoff.
    /// A fault fails the next request whenever it comes, so a new one is scripted only once the previous ones have met
    /// a request: faults model an unreliable Hubject, not a queue of failures that outlives the outage.
    /// </summary>
    private static int InjectFaults(OicpEmulator emulator, int tick)
    {
        if (emulator.Faults.Count > 0)
        {
            return 0;
        }

        EmulatorFault[] faults = (tick % 70) switch
        {
            _ when tick == 200 => [.. Enumerable.Repeat(EmulatorFault.Status(503), 5)],
            _ when tick == 450 => [.. Enumerable.Repeat(EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError), 5)],
            0 => [EmulatorFault.Status(503)],
            35 => [EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError)],
            _ => [],
        };
        emulator.Faults.Enqueue(faults);
        return faults.Length;
    }

    private static int MaxInAnyMinute(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToArray();
        var max = 0;
        for (int first = 0, last = 0; last < sorted.Length; last++)
        {
            while (sorted[last] - sorted[first] >= TimeSpan.FromMinutes(1))
            {
                first++;
            }

            max = Math.Max(max, last - first + 1);
        }

        return max;
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    /// <summary>
    /// Moves the fake clock only when the system can do nothing without it: no HTTP request in flight, and the
    /// publisher parked or the pusher waiting in a delay (rate limit or retry backoff). Then it jumps to the next
    /// due timer, so every wait is honoured exactly and nothing runs while the clock moves under it.
    /// </summary>
    private sealed class Driver(TimerTrackingClock clock, InFlightCounter inFlight, EvseStatusPublisher publisher)
    {
        public int Steps { get; private set; }

        public async Task RunUntilAsync(DateTimeOffset target)
        {
            while (true)
            {
                await WaitIdleAsync();
                var now = clock.GetUtcNow();
                if (now >= target)
                {
                    return;
                }

                var next = clock.NextDue() is { } due && due < target ? due : target;
                Steps++;
                clock.Fake.Advance(next > now ? next - now : TimeSpan.Zero);
            }
        }

        public async Task RunUntilDrainedAsync(DateTimeOffset limit)
        {
            while (true)
            {
                await WaitIdleAsync();
                if (publisher.PendingCount == 0 && publisher.WhenIdleAsync().IsCompleted)
                {
                    return;
                }

                var now = clock.GetUtcNow();
                var next = clock.NextDue() ?? throw new InvalidOperationException($"{publisher.PendingCount} EVSEs wait but no timer is armed.");
                if (next > limit)
                {
                    throw new InvalidOperationException($"{publisher.PendingCount} EVSEs still wait at the time limit.");
                }

                Steps++;
                clock.Fake.Advance(next > now ? next - now : TimeSpan.Zero);
            }
        }

        private async Task WaitIdleAsync()
        {
            while (true)
            {
                var changed = clock.Changed;
                var parked = publisher.WhenIdleAsync();
                if (inFlight.InFlight == 0 && (parked.IsCompleted || clock.DelayPending))
                {
                    return;
                }

                // A bound in real time so a hang fails the test instead of stalling the run.
                await Task.WhenAny(changed, parked).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    private sealed class StalenessListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _values = [];

        public StalenessListener(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter && instrument.Name == "oicp.publisher.staleness")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_values)
                {
                    _values.Add(value);
                }
            });
            _listener.Start();
        }

        public double[] Sorted()
        {
            lock (_values)
            {
                return [.. _values.Order()];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
