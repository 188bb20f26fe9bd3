using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Oicp.Client;
using Oicp.Client.Mapping;
using Oicp.Client.Publishing;
using Oicp.Client.Testing;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Oicp.Samples.OcppBridge;

/// <summary>The sample's logic, callable from tests: the process entry point only wires the console.</summary>
public static class OcppBridgeApp
{
    private static readonly OperatorId Operator = OperatorId.Parse("DE*ABC");
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(12);

    /// <summary>Runs the sample; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var arguments = OcppBridgeArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await output.WriteLineAsync($"error: {error}{Environment.NewLine}Run with --help for usage.");
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await output.WriteLineAsync(OcppBridgeArguments.Usage);
            return 0;
        }

        var fleet = new OcppFleet(Operator, arguments.ChargePoints, arguments.Seed);
        var emulator = new OicpEmulator(new OicpEmulatorOptions { CallerOperatorId = Operator });
        emulator.RegisterOperator(Operator);
        emulator.RegisterEvseData(fleet.EvseIds);
        await using var server = await OicpEmulatorServer.StartAsync(emulator, cancellationToken: cancellationToken);
        await output.WriteLineAsync($"Hubject emulator listening at {server.BaseAddress}; {arguments.ChargePoints} OCPP 1.6 charge points, {fleet.EvseIds.Count} EVSEs, {arguments.Duration.TotalSeconds:F0} s.");

        // The fleet boots before the backend connects to Hubject: the fullLoad at start carries these statuses,
        // so the boot changes are not published one by one.
        var tracker = new EvseStatusTracker();
        fleet.Declare(tracker);
        fleet.Boot(tracker, new List<EvseStatusChange>());

        using var host = BuildHost(tracker, server.BaseAddress, arguments.OtlpEndpoint);
        using var staleness = new StalenessRecorder(host.Services.GetRequiredService<IMeterFactory>());
        await host.StartAsync(cancellationToken);
        var publisher = host.Services.GetRequiredService<IEvseStatusPublisher>();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var run = new BridgeRun(fleet, tracker, publisher, emulator, staleness, health, new LiveView(output, redraw: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected));
        await run.SimulateAsync(arguments.Duration, cancellationToken);
        await run.DrainAsync(DrainLimit);

        // Read while the publisher still runs, as a health endpoint would.
        var finalHealth = await health.CheckHealthAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        return await ReportAsync(output, tracker, emulator, staleness, finalHealth);
    }

    private static IHost BuildHost(EvseStatusTracker tracker, Uri baseAddress, Uri? otlpEndpoint)
    {
        // DisableDefaults: the sample parses its own arguments and keeps the console for its view.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(tracker);
        builder.Services.AddSingleton<IEvseStatusSnapshotSource, TrackerSnapshotSource>();
        builder.Services
            .AddOicpEvseStatusPusher(options =>
            {
                options.OperatorId = Operator.ToString();
                options.OperatorName = "ABC Charging";
                options.BaseAddress = baseAddress;
            })
            .AddEvseStatusPublisher(options => options.FullLoadOnStart = true);
        builder.Services.AddHealthChecks().AddOicpHealthChecks();
        if (otlpEndpoint is not null)
        {
            AddOpenTelemetry(builder.Services, otlpEndpoint);
        }

        return builder.Build();
    }

    /// <summary>
    /// What an application adds to export the SDK's telemetry: its meter and activity source by their public names,
    /// plus Polly's meter for the retries and timeouts of the push pipeline. The host flushes both when disposed.
    /// </summary>
    private static void AddOpenTelemetry(IServiceCollection services, Uri collector)
    {
        // OTLP/HTTP paths are relative to the collector's base URL, which may have a path of its own.
        collector = collector.AbsoluteUri.EndsWith('/') ? collector : new Uri(collector.AbsoluteUri + "/");
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("Oicp.Samples.OcppBridge"))
            .WithMetrics(metrics => metrics
                .AddMeter(OicpTelemetry.MeterName, "Polly")
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.Endpoint = new Uri(collector, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
                }))
            .WithTracing(tracing => tracing
                .AddSource(OicpTelemetry.ActivitySourceName)
                .AddOtlpExporter(exporter =>
                {
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    exporter.Endpoint = new Uri(collector, "v1/traces");
                }));
    }

    private static async Task<int> ReportAsync(TextWriter output, EvseStatusTracker tracker, OicpEmulator emulator, StalenessRecorder staleness, HealthReport health)
    {
        var truth = tracker.GetSnapshot();
        var hubject = emulator.GetStatuses(Operator);
        var differences = truth
            .Where(record => !hubject.TryGetValue(record.EvseId, out var status) || status != record.Status)
            .Select(record => $"  {record.EvseId,-16} fleet {record.Status.ToWireString(),-12} Hubject {(hubject.TryGetValue(record.EvseId, out var status) ? status.ToWireString() : "(none)")}")
            .ToList();
        var extra = hubject.Keys.Except(truth.Select(record => record.EvseId)).ToList();
        var statistics = emulator.Statistics;

        await output.WriteLineAsync();
        await output.WriteLineAsync(
            $"Hubject emulator: {statistics.TotalRequests} HTTP requests, {statistics.FaultedRequests} answered with an injected fault, " +
            $"{statistics.OverlappingRequests} overlapping, {statistics.RateLimitedRequests} rate-limited (429), {emulator.GetHistory(Operator).Count} versions.");
        await output.WriteLineAsync($"Staleness from Publish to Hubject's acknowledgement: {staleness.Describe()}.");
        await output.WriteLineAsync("Health checks:");
        foreach (var line in HealthLines.Lines(health))
        {
            await output.WriteLineAsync(line);
        }

        var ok = differences.Count == 0 && extra.Count == 0 && statistics.OverlappingRequests == 0 && statistics.RateLimitedRequests == 0;
        if (ok)
        {
            await output.WriteLineAsync($"OK: Hubject's view and the fleet agree for all {truth.Count} EVSEs.");
            return 0;
        }

        await output.WriteLineAsync($"MISMATCH: {differences.Count} EVSEs differ, {extra.Count} unknown to the fleet, {statistics.OverlappingRequests} overlapping, {statistics.RateLimitedRequests} rate-limited.");
        foreach (var line in differences.Take(20))
        {
            await output.WriteLineAsync(line);
        }

        return 1;
    }

    /// <summary>One run of the fleet against the publisher, with the live view and the injected faults.</summary>
    private sealed class BridgeRun(
        OcppFleet fleet,
        EvseStatusTracker tracker,
        IEvseStatusPublisher publisher,
        OicpEmulator emulator,
        StalenessRecorder staleness,
        HealthCheckService health,
        LiveView view)
    {
        private readonly List<EvseStatusChange> _changes = [];
        private readonly Queue<(TimeSpan At, long Requests)> _requestHistory = new([(TimeSpan.Zero, 0L)]);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _changeCount;
        private int _faults;
        private int _injections;
        private long _nextFaultAt = 20;

        public async Task SimulateAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            var ticks = (int)(duration / Tick);
            var baseRate = Math.Max(1, fleet.EvseIds.Count / 60);
            using var timer = new PeriodicTimer(Tick);
            try
            {
                for (var tick = 1; tick <= ticks && await timer.WaitForNextTickAsync(cancellationToken); tick++)
                {
                    _changes.Clear();
                    if (tick == ticks / 3)
                    {
                        // A site router restarts: a third of the fleet drops, and reconnects 3 s later all at once.
                        fleet.Outage(tracker, 0.33, ticks: 30, _changes);
                    }

                    // A rush hour in the middle: three times the usual rate of StatusNotifications.
                    var rush = tick > ticks / 2 && tick <= (ticks / 2) + 20;
                    fleet.Tick(tracker, rush ? baseRate * 3 : baseRate, _changes);
                    publisher.PublishAll(_changes);
                    _changeCount += _changes.Count;
                    InjectFaults();
                    if (tick % 10 == 0)
                    {
                        await RenderAsync("running");
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await RenderAsync("stopped");
            }
        }

        /// <summary>Waits (in real time, bounded) until the queue is empty and Hubject has caught up with the fleet.</summary>
        public async Task DrainAsync(TimeSpan limit)
        {
            using var timer = new PeriodicTimer(Tick);
            var deadline = _clock.Elapsed + limit;
            var tick = 0;
            while (_clock.Elapsed < deadline && !(publisher.PendingCount == 0 && HubjectAgrees()))
            {
                await timer.WaitForNextTickAsync();
                if (++tick % 10 == 0)
                {
                    await RenderAsync("draining");
                }
            }

            await RenderAsync("drained");
        }

        private bool HubjectAgrees()
        {
            var hubject = emulator.GetStatuses(Operator);
            return tracker.GetSnapshot().All(record => hubject.TryGetValue(record.EvseId, out var status) && status == record.Status);
        }

        private void InjectFaults()
        {
            // About one request in 60 after the start-up fullLoad is answered HTTP 503 or code 001, and every fifth
            // injection is two 503s in a row. Counted in requests, not seconds, so that the retries they cause cannot
            // pile faults up. The pusher retries them within its rate limit; the publisher sees success.
            var requests = emulator.Statistics.TotalRequests;
            if (requests < _nextFaultAt || emulator.Faults.Count > 0)
            {
                return;
            }

            _nextFaultAt = requests + 60;
            _injections++;
            if (_injections % 5 == 0)
            {
                emulator.Faults.Enqueue(EmulatorFault.Status(503), EmulatorFault.Status(503));
                _faults += 2;
            }
            else
            {
                emulator.Faults.Enqueue(_injections % 2 == 0 ? EmulatorFault.Rejected(OicpStatusCode.HubjectSystemError) : EmulatorFault.Status(503));
                _faults++;
            }
        }

        private async Task RenderAsync(string phase)
        {
            var now = _clock.Elapsed;
            var total = emulator.Statistics.TotalRequests;
            _requestHistory.Enqueue((now, total));
            while (_requestHistory.Peek().At < now - TimeSpan.FromMinutes(1))
            {
                _requestHistory.Dequeue();
            }

            var truth = tracker.GetSnapshot().GroupBy(record => record.Status).ToDictionary(group => group.Key, group => group.Count());
            var hubject = emulator.GetStatuses(Operator).Values.GroupBy(status => status).ToDictionary(group => group.Key, group => group.Count());
            var (p50, p99) = staleness.Percentiles();
            var report = await health.CheckHealthAsync(CancellationToken.None);
            view.Render(new LiveFrame(
                now,
                phase,
                fleet.Messages,
                _changeCount,
                fleet.OfflineCount,
                truth,
                hubject,
                publisher.PendingCount,
                total - _requestHistory.Peek().Requests,
                _faults,
                p50,
                p99,
                report));
        }
    }
}
