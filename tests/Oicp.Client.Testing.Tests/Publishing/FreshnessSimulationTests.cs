using System.Globalization;
using System.Text;
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
/// How fresh Hubject's view stays, measured as a user feels it: 10,000 EVSEs of the OcppBridge fleet feed the real
/// tracker, publisher and pusher (registered as an application does), which push to the in-process emulator through a
/// network of a fixed round trip (half before the emulator, half after), all on a fake clock. Staleness is the time
/// from <c>Publish</c> until the emulator receives a request carrying that status or a newer one. Beside each cell the
/// ideal sender runs the same load: one request in flight, everything pending in the next one.
/// </summary>
public sealed class FreshnessSimulationTests(ITestOutputHelper output)
{
    private const int ChargePoints = 5_000;
    private const int LoadTicks = 600;
    private static readonly OperatorId Operator = OperatorId.Parse("DE*ABC");
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public enum Load
    {
        /// <summary>1,200 changes a minute, steady.</summary>
        Steady1200,

        /// <summary>6,000 changes a minute, steady.</summary>
        Steady6000,

        /// <summary>1,200 a minute, an outage of 30% of the fleet (and its reconnect storm 25 s later), and a rush of 24,000 a minute for 10 s.</summary>
        OutageAndRush,
    }

    [Theory]
    [InlineData(0, Load.Steady1200)]
    [InlineData(0, Load.Steady6000)]
    [InlineData(0, Load.OutageAndRush)]
    [InlineData(50, Load.Steady1200)]
    [InlineData(50, Load.Steady6000)]
    [InlineData(50, Load.OutageAndRush)]
    [InlineData(150, Load.Steady1200)]
    [InlineData(150, Load.Steady6000)]
    [InlineData(150, Load.OutageAndRush)]
    [InlineData(300, Load.Steady1200)]
    [InlineData(300, Load.Steady6000)]
    [InlineData(300, Load.OutageAndRush)]
    public async Task Publisher_keeps_p99_staleness_within_three_round_trips_plus_200_ms(int roundTripMs, Load load)
    {
        var roundTrip = TimeSpan.FromMilliseconds(roundTripMs);
        var publisher = await RunAsync(roundTrip, load, ideal: false);
        var ideal = await RunAsync(roundTrip, load, ideal: true);

        var target = (3 * roundTrip) + TimeSpan.FromMilliseconds(200);
        output.WriteLine(
            "| RTT | load | changes | requests (singles) | busiest minute | p50 | p99 | max | ideal p99 | target p99 |");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {roundTripMs} ms | {Describe(load)} | {publisher.Changes} | {publisher.Requests} ({publisher.Singles}) | {publisher.BusiestMinute} | " +
            $"{Seconds(publisher.P50)} | **{Seconds(publisher.P99)}** | {Seconds(publisher.Max)} | {Seconds(ideal.P99)} | {Seconds(target)} |"));

        foreach (var run in new[] { publisher, ideal })
        {
            run.MaxInFlight.Should().Be(1, "one request in flight per operator, network included");
            run.BusiestMinute.Should().BeLessThanOrEqualTo(2000);
            run.FinalStateMatches.Should().BeTrue("Hubject ends with the truth");
            run.Unmatched.Should().Be(0, "every published change reached Hubject");
        }

        publisher.P99.Should().BeLessThanOrEqualTo(target);
    }

    private static string Describe(Load load) => load switch
    {
        Load.Steady1200 => "(a) 1,200/min",
        Load.Steady6000 => "(b) 6,000/min",
        _ => "(c) outage + rush",
    };

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static async Task<RunResult> RunAsync(TimeSpan roundTrip, Load load, bool ideal)
    {
        var clock = new TimerTrackingClock(new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        var emulator = new OicpEmulator(new OicpEmulatorOptions { TimeProvider = clock, CallerOperatorId = Operator });
        var fleet = new OcppFleet(Operator, ChargePoints, seed: 11);
        emulator.RegisterOperator(Operator);
        emulator.RegisterEvseData(fleet.EvseIds);
        var tracker = new EvseStatusTracker();
        fleet.Declare(tracker);
        fleet.Boot(tracker, new List<EvseStatusChange>());
        var network = new Network(clock, roundTrip);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(tracker);
        services.AddSingleton<IEvseStatusSnapshotSource, TrackerSnapshotSource>();
        var client = services.AddOicpEvseStatusPusher(o =>
        {
            o.OperatorId = Operator.ToString();
            o.BaseAddress = new Uri("https://emulator.test/api/oicp/");
        });
        client.ConfigurePrimaryHttpMessageHandler(() => emulator.CreateHandler()).AddHttpMessageHandler(network.CreateHandler);
        if (!ideal)
        {
            client.AddEvseStatusPublisher();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var hosted = provider.GetServices<IHostedService>().ToList();
        ISender sender = ideal
            ? new IdealSender(provider.GetRequiredService<IEvseStatusPusher>())
            : new PublisherSender(provider.GetRequiredService<EvseStatusPublisher>());
        var driver = new Driver(clock, network, sender);
        var start = clock.GetUtcNow();
        if (ideal)
        {
            ((IdealSender)sender).Start(tracker.GetSnapshot());
        }

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        // Both begin with a fullLoad of the booted fleet (the publisher's own start-up fullLoad); changes come after it.
        await driver.RunUntilAsync(start + TimeSpan.FromSeconds(1));
        network.Arrivals.Should().ContainSingle(arrival => arrival.Records.Length == 2 * ChargePoints);

        var recorder = new StalenessRecorder();
        var changes = new List<EvseStatusChange>();
        var loadStart = clock.GetUtcNow();
        for (var tick = 1; tick <= LoadTicks; tick++)
        {
            await driver.RunUntilAsync(loadStart + (Tick * tick));
            changes.Clear();
            PlayTick(fleet, tracker, load, tick, changes);
            var now = clock.GetUtcNow();
            foreach (var change in changes)
            {
                recorder.Published(change.EvseId, change.Status, now);
                sender.Publish(change.EvseId, change.Status);
            }
        }

        await driver.RunUntilDrainedAsync(loadStart + TimeSpan.FromMinutes(10));
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        foreach (var arrival in network.Arrivals.Where(arrival => arrival.At >= loadStart))
        {
            recorder.Arrived(arrival);
        }

        var truth = tracker.GetSnapshot().ToDictionary(record => record.EvseId, record => record.Status);
        var updates = network.Arrivals.Where(arrival => arrival.At >= loadStart).ToList();
        return new RunResult(
            recorder.Count,
            updates.Count,
            updates.Count(arrival => arrival.Records.Length == 1),
            MaxInAnyMinute(network.Arrivals.Select(arrival => arrival.At)),
            network.MaxInFlight,
            emulator.GetStatuses(Operator).OrderBy(pair => pair.Key.ToString()).SequenceEqual(truth.OrderBy(pair => pair.Key.ToString())),
            recorder.Unmatched,
            recorder.Percentile(0.50),
            recorder.Percentile(0.99),
            recorder.Percentile(1.0));
    }

    private static void PlayTick(OcppFleet fleet, EvseStatusTracker tracker, Load load, int tick, List<EvseStatusChange> changes)
    {
        switch (load)
        {
            case Load.Steady1200:
                fleet.TickChanges(tracker, 2, changes);
                break;
            case Load.Steady6000:
                fleet.TickChanges(tracker, 10, changes);
                break;
            default:
                if (tick == 100)
                {
                    // A third of the fleet drops off at once (Unknown) and comes back 25 s later in a reconnect storm.
                    fleet.Outage(tracker, 0.3, ticks: 250, changes);
                }

                fleet.TickChanges(tracker, tick is > 400 and <= 500 ? 40 : 2, changes);
                break;
        }
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

    private sealed record RunResult(
        int Changes,
        int Requests,
        int Singles,
        int BusiestMinute,
        int MaxInFlight,
        bool FinalStateMatches,
        int Unmatched,
        TimeSpan P50,
        TimeSpan P99,
        TimeSpan Max);

    /// <summary>A request as the emulator receives it: when, and the EVSE statuses it carries.</summary>
    private sealed record Arrival(DateTimeOffset At, DateTimeOffset SentAt, (EvseId EvseId, EvseStatus Status)[] Records);

    /// <summary>
    /// The network between the SDK and the emulator: every request waits half the round trip before it reaches the
    /// emulator and half after, on the fake clock. It records what arrives and counts what is in flight, so the driver
    /// knows when only the clock can move things on.
    /// </summary>
    private sealed class Network(TimerTrackingClock clock, TimeSpan roundTrip)
    {
        private readonly object _lock = new();
        private int _inFlight;
        private int _delaying;

        public List<Arrival> Arrivals { get; } = [];

        public int MaxInFlight { get; private set; }

        /// <summary>Gets a value indicating whether every request in flight waits for the clock.</summary>
        public bool OnlyTheClockMovesRequests
        {
            get
            {
                lock (_lock)
                {
                    return _inFlight == _delaying;
                }
            }
        }

        public int InFlight
        {
            get
            {
                lock (_lock)
                {
                    return _inFlight;
                }
            }
        }

        public DelegatingHandler CreateHandler() => new Handler(this);

        private async Task DelayAsync(CancellationToken cancellationToken)
        {
            if (roundTrip == TimeSpan.Zero)
            {
                return;
            }

            var half = Task.Delay(roundTrip / 2, clock, cancellationToken);
            Change(delaying: +1);
            try
            {
                await half.ConfigureAwait(false);
            }
            finally
            {
                Change(delaying: -1);
            }
        }

        private void Change(int inFlight = 0, int delaying = 0)
        {
            lock (_lock)
            {
                _inFlight += inFlight;
                _delaying += delaying;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            }

            clock.Pulse();
        }

        private sealed class Handler(Network network) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var sentAt = network.Clock.GetUtcNow();
                network.Change(inFlight: +1);
                try
                {
                    await network.DelayAsync(cancellationToken).ConfigureAwait(false);
                    var body = await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    lock (network._lock)
                    {
                        network.Arrivals.Add(new Arrival(network.Clock.GetUtcNow(), sentAt, Parse(body)));
                    }

                    var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    await network.DelayAsync(cancellationToken).ConfigureAwait(false);
                    return response;
                }
                finally
                {
                    network.Change(inFlight: -1);
                }
            }

            private static (EvseId, EvseStatus)[] Parse(string body)
            {
                using var document = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
                var records = document.RootElement.GetProperty("OperatorEvseStatus").GetProperty("EvseStatusRecord");
                return [.. records.EnumerateArray().Select(record => (
                    EvseId.Parse(record.GetProperty("EvseID").GetString()!),
                    Enum.Parse<EvseStatus>(record.GetProperty("EvseStatus").GetString()!)))];
            }
        }

        private TimerTrackingClock Clock => clock;
    }

    /// <summary>Matches every published change with the first arrival that carries it or a newer status of its EVSE.</summary>
    private sealed class StalenessRecorder
    {
        private readonly Dictionary<EvseId, List<(DateTimeOffset At, EvseStatus Status)>> _pending = [];
        private readonly List<TimeSpan> _values = [];

        public int Count { get; private set; }

        public int Unmatched => _pending.Values.Sum(list => list.Count);

        public void Published(EvseId evseId, EvseStatus status, DateTimeOffset at)
        {
            Count++;
            if (!_pending.TryGetValue(evseId, out var list))
            {
                _pending[evseId] = list = [];
            }

            list.Add((at, status));
        }

        /// <summary>
        /// A request carries each EVSE's latest status when it left: it settles
        /// every change published up to then, through the last one with the status it carries (a change published at the
        /// same instant after the request left is not carried, and its status tells).
        /// </summary>
        public void Arrived(Arrival arrival)
        {
            var leftAt = arrival.SentAt;
            foreach (var (evseId, status) in arrival.Records)
            {
                if (!_pending.TryGetValue(evseId, out var list))
                {
                    continue;
                }

                var carried = list.FindLastIndex(change => change.At <= leftAt && change.Status == status);
                for (var i = 0; i <= carried; i++)
                {
                    _values.Add(arrival.At - list[i].At);
                }

                list.RemoveRange(0, carried + 1);
            }
        }

        public TimeSpan Percentile(double p)
        {
            if (_values.Count == 0)
            {
                return TimeSpan.Zero;
            }

            var sorted = _values.Order().ToArray();
            return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
        }
    }

    private interface ISender
    {
        bool IsIdle { get; }

        int Pending { get; }

        Task WhenIdleAsync();

        void Publish(EvseId evseId, EvseStatus status);
    }

    private sealed class PublisherSender(EvseStatusPublisher publisher) : ISender
    {
        public bool IsIdle => publisher.WhenIdleAsync().IsCompleted;

        public int Pending => publisher.PendingCount;

        public Task WhenIdleAsync() => publisher.WhenIdleAsync();

        public void Publish(EvseId evseId, EvseStatus status) => publisher.Publish(evseId, status);
    }

    /// <summary>The ideal sender: one request in flight, and everything pending (latest per EVSE) in the next one.</summary>
    private sealed class IdealSender(IEvseStatusPusher pusher) : ISender
    {
        private readonly object _lock = new();
        private Dictionary<EvseId, EvseStatus> _pending = [];
        private TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _parked;

        public bool IsIdle
        {
            get
            {
                lock (_lock)
                {
                    return _parked;
                }
            }
        }

        public int Pending
        {
            get
            {
                lock (_lock)
                {
                    return _pending.Count;
                }
            }
        }

        public Task WhenIdleAsync()
        {
            lock (_lock)
            {
                return _parked ? Task.CompletedTask : _idle.Task;
            }
        }

        public void Publish(EvseId evseId, EvseStatus status)
        {
            TaskCompletionSource work;
            lock (_lock)
            {
                _pending[evseId] = status;
                work = _work;
                _parked = false;
            }

            work.TrySetResult();
        }

        public void Start(IReadOnlyList<EvseStatusRecord> snapshot) => _ = RunAsync(snapshot);

        private async Task RunAsync(IReadOnlyList<EvseStatusRecord> snapshot)
        {
            (await pusher.FullLoadAsync(snapshot)).EnsureSuccess();
            while (true)
            {
                Dictionary<EvseId, EvseStatus> batch;
                Task work;
                lock (_lock)
                {
                    batch = _pending;
                    _pending = [];
                    work = _work.Task;
                    if (batch.Count == 0)
                    {
                        _work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        work = _work.Task;
                        _parked = true;
                        _idle.TrySetResult();
                        _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                if (batch.Count == 0)
                {
                    await work;
                    continue;
                }

                (await pusher.PushAsync(ActionType.Update, batch.Select(pair => new EvseStatusRecord(pair.Key, pair.Value)))).EnsureSuccess();
            }
        }
    }

    /// <summary>
    /// Moves the fake clock only when nothing can happen without it: every request in flight waits in the network, and
    /// the sender is parked or something waits for a delay. Then it jumps to the next due timer.
    /// </summary>
    private sealed class Driver(TimerTrackingClock clock, Network network, ISender sender)
    {
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
                clock.Fake.Advance(next > now ? next - now : TimeSpan.Zero);
            }
        }

        public async Task RunUntilDrainedAsync(DateTimeOffset limit)
        {
            while (true)
            {
                await WaitIdleAsync();
                if (sender.Pending == 0 && network.InFlight == 0 && sender.IsIdle)
                {
                    return;
                }

                var now = clock.GetUtcNow();
                var next = clock.NextDue() ?? throw new InvalidOperationException($"{sender.Pending} EVSEs wait but no timer is armed.");
                if (next > limit)
                {
                    throw new InvalidOperationException($"{sender.Pending} EVSEs still wait at the time limit.");
                }

                clock.Fake.Advance(next > now ? next - now : TimeSpan.Zero);
            }
        }

        private async Task WaitIdleAsync()
        {
            while (true)
            {
                var changed = clock.Changed;
                var idle = sender.WhenIdleAsync();
                if (network.OnlyTheClockMovesRequests && (idle.IsCompleted || clock.DelayPending))
                {
                    return;
                }

                // A bound in real time so a hang fails the test instead of stalling the run.
                await Task.WhenAny(changed, idle).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}
