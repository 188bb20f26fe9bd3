using System.Diagnostics;
using System.Globalization;
using Oicp.Client;
using Oicp.Client.Testing;
using StackExchange.Redis;

namespace Oicp.Samples.ScaleOut;

/// <summary>The sample's logic, callable from tests: the process entry point only wires the console.</summary>
public static class ScaleOutApp
{
    /// <summary>The operator of the run.</summary>
    public static readonly OperatorId Operator = OperatorId.Parse("DE*SCL");

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);
    private static readonly string[] Statuses = [nameof(EvseStatus.Available), nameof(EvseStatus.Occupied), nameof(EvseStatus.Reserved), nameof(EvseStatus.OutOfService)];

    /// <summary>Runs the sample (or, with <c>--instance</c>, one backend instance of it); returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var arguments = ScaleOutArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await output.WriteLineAsync($"error: {error}{Environment.NewLine}Run with --help for usage.");
            return 2;
        }

        if (arguments.ShowHelp)
        {
            await output.WriteLineAsync(ScaleOutArguments.Usage);
            return 0;
        }

        if (arguments.Instance is not null)
        {
            return await BackendInstance.RunAsync(arguments, Console.In, output, cancellationToken);
        }

        LocalRedis redis;
        try
        {
            redis = arguments.Redis is { } given ? LocalRedis.Given(given) : await LocalRedis.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            await output.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }

        await using (redis)
        {
            return await new ClusterRun(arguments, redis, output).RunAsync(cancellationToken);
        }
    }

    /// <summary>One run: the emulator, three instance processes, the charge points, the kill, the drain and the check.</summary>
    private sealed class ClusterRun(ScaleOutArguments arguments, LocalRedis redis, TextWriter output)
    {
        private readonly string _keyPrefix = $"oicp-sample-{Guid.NewGuid():N}:";
        private readonly string _snapshot = Path.Combine(Path.GetTempPath(), $"oicp-scaleout-{Guid.NewGuid():N}.txt");
        private readonly Random _random = new(arguments.Seed);
        private readonly string[] _evses = [.. Enumerable.Range(1, arguments.Evses).Select(n => $"{Operator}*E{n}")];
        private readonly Dictionary<string, string> _truth = [];
        private readonly List<InstanceProcess> _instances = [];
        private readonly List<InstanceProcess> _alive = [];
        private int[] _connectedTo = [];

        private string LeaseKey => $"{_keyPrefix}{{{Operator}}}:lease";

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            var emulator = new OicpEmulator(new OicpEmulatorOptions { CallerOperatorId = Operator, RoundTripTime = TimeSpan.FromMilliseconds(50) });
            emulator.RegisterOperator(Operator);
            emulator.RegisterEvseData(_evses.Select(EvseId.Parse));
            await using var server = await OicpEmulatorServer.StartAsync(emulator, cancellationToken: cancellationToken);
            var options = ConfigurationOptions.Parse(redis.Configuration);
            options.AbortOnConnectFail = false;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var database = connection.GetDatabase();
            await output.WriteLineAsync(
                $"Hubject emulator listening at {server.BaseAddress} (50 ms round trip); Redis at {redis.Configuration} " +
                $"({(redis.Started ? "redis-server started by the sample" : "given with --redis")}), keys under {_keyPrefix}; {_evses.Length} EVSEs.");
            try
            {
                try
                {
                    await StartInstancesAsync(server.BaseAddress, cancellationToken);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
                {
                    await output.WriteLineAsync($"error: the backend instances did not start: {exception.Message}");
                    return 1;
                }

                var stopwatch = Stopwatch.StartNew();
                var changes = 0L;
                var killAt = (int)(arguments.Duration / Tick / 3);
                var takeover = TimeSpan.Zero;
                using var timer = new PeriodicTimer(Tick);
                for (var tick = 1; tick <= (int)(arguments.Duration / Tick) && await timer.WaitForNextTickAsync(cancellationToken); tick++)
                {
                    changes += await ChangeAsync(Math.Max(1, arguments.Rate * (int)Tick.TotalMilliseconds / 1000));
                    if (tick == killAt)
                    {
                        takeover = await KillHolderAsync(database, cancellationToken);
                    }
                }

                await output.WriteLineAsync($"{changes} status changes in {stopwatch.Elapsed.TotalSeconds:F1} s; draining.");
                var drained = await DrainAsync(emulator, cancellationToken);
                var stopped = 0;
                foreach (var instance in _alive)
                {
                    stopped += await instance.StopAsync(TimeSpan.FromSeconds(15)) ? 1 : 0;
                }

                var released = !await database.KeyExistsAsync(LeaseKey);
                await output.WriteLineAsync($"{stopped} of {_alive.Count} surviving instances stopped cleanly; lease released: {(released ? "yes" : "no")}.");
                return await ReportAsync(emulator, drained, takeover);
            }
            finally
            {
                foreach (var instance in _instances)
                {
                    instance.Dispose();
                }

                await DeleteKeysAsync(connection);
                File.Delete(_snapshot);
            }
        }

        private async Task StartInstancesAsync(Uri hubject, CancellationToken cancellationToken)
        {
            foreach (var evse in _evses)
            {
                _truth[evse] = nameof(EvseStatus.Available);
            }

            await WriteSnapshotAsync();
            for (var i = 1; i <= 3; i++)
            {
                _instances.Add(InstanceProcess.Start($"instance-{i}", redis.Configuration, hubject, _keyPrefix, _snapshot));
            }

            foreach (var instance in _instances)
            {
                await instance.ReadyAsync(StartLimit, cancellationToken);
                await output.WriteLineAsync($"{instance.Name} runs as process {instance.ProcessId}.");
            }

            _alive.AddRange(_instances);

            // Every charge point connects to one instance (round-robin, as a load balancer spreads connections) and
            // sends the status of its EVSE.
            _connectedTo = [.. Enumerable.Range(0, _evses.Length).Select(n => n % _alive.Count)];
            for (var n = 0; n < _evses.Length; n++)
            {
                await _alive[_connectedTo[n]].PublishAsync(_evses[n], nameof(EvseStatus.Available));
            }

            await FlushAllAsync();
        }

        private async Task<int> ChangeAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var n = _random.Next(_evses.Length);
                var status = Statuses[_random.Next(Statuses.Length)];
                _truth[_evses[n]] = status;
                await _alive[_connectedTo[n]].PublishAsync(_evses[n], status);
            }

            await FlushAllAsync();
            await WriteSnapshotAsync();
            return count;
        }

        /// <summary>Keeps the charge points' statuses where the instances' snapshot source reads them (replaced whole, never half-written).</summary>
        private async Task WriteSnapshotAsync()
        {
            var next = _snapshot + ".next";
            await File.WriteAllLinesAsync(next, _truth.Select(static pair => $"{pair.Key} {pair.Value}"));
            File.Move(next, _snapshot, overwrite: true);
        }

        /// <summary>SIGKILLs the instance whose process id the lease names; its charge points reconnect elsewhere and send their statuses again.</summary>
        private async Task<TimeSpan> KillHolderAsync(IDatabase database, CancellationToken cancellationToken)
        {
            var holderPid = await LeaseHolderAsync(database, cancellationToken);
            var holder = _alive.Single(instance => instance.ProcessId == holderPid);
            var killed = Stopwatch.StartNew();
            holder.Kill();
            var index = _alive.IndexOf(holder);
            _alive.RemoveAt(index);
            await output.WriteLineAsync($"{holder.Name} (process {holderPid}) holds the lease: killed with SIGKILL.");

            var reconnected = 0;
            for (var n = 0; n < _evses.Length; n++)
            {
                if (_connectedTo[n] == index)
                {
                    _connectedTo[n] = reconnected++ % _alive.Count;
                    await _alive[_connectedTo[n]].PublishAsync(_evses[n], _truth[_evses[n]]);
                }
                else if (_connectedTo[n] > index)
                {
                    _connectedTo[n]--;
                }
            }

            await FlushAllAsync();
            var next = await LeaseHolderAsync(database, cancellationToken, except: holderPid);
            var takeover = killed.Elapsed;
            await output.WriteLineAsync(
                $"{reconnected} charge points reconnected to the other instances; {_alive.Single(instance => instance.ProcessId == next).Name} took over after {takeover.TotalMilliseconds:F0} ms (lease time {BackendInstance.LeaseTime.TotalSeconds:F0} s).");
            return takeover;
        }

        /// <summary>The process id in the lease's value (<c>machine:pid:instance:term</c>), waiting (bounded) until there is one other than <paramref name="except"/>.</summary>
        private async Task<int> LeaseHolderAsync(IDatabase database, CancellationToken cancellationToken, int except = 0)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(BackendInstance.LeaseTime + TimeSpan.FromSeconds(10));
            while (true)
            {
                if ((string?)await database.StringGetAsync(LeaseKey) is { } token)
                {
                    var parts = token.Split(':');
                    var pid = int.Parse(parts[^3], CultureInfo.InvariantCulture);
                    if (pid != except)
                    {
                        return pid;
                    }
                }

                await Task.Delay(5, bounded.Token);
            }
        }

        private async Task<bool> DrainAsync(OicpEmulator emulator, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < DrainLimit)
            {
                var hubject = emulator.GetStatuses(Operator);
                if (_truth.All(pair => hubject.TryGetValue(EvseId.Parse(pair.Key), out var status) && status.ToString() == pair.Value))
                {
                    await output.WriteLineAsync($"Hubject caught up {deadline.Elapsed.TotalMilliseconds:F0} ms after the last change.");
                    return true;
                }

                await Task.Delay(Tick, cancellationToken);
            }

            return false;
        }

        private async Task<int> ReportAsync(OicpEmulator emulator, bool drained, TimeSpan takeover)
        {
            var hubject = emulator.GetStatuses(Operator);
            var differences = _truth
                .Where(pair => !hubject.TryGetValue(EvseId.Parse(pair.Key), out var status) || status.ToString() != pair.Value)
                .Select(pair => $"  {pair.Key,-16} charge point {pair.Value,-12} Hubject {(hubject.TryGetValue(EvseId.Parse(pair.Key), out var status) ? status.ToString() : "(none)")}")
                .ToList();
            var statistics = emulator.Statistics;
            await output.WriteLineAsync(
                $"Hubject emulator: {statistics.TotalRequests} HTTP requests, {statistics.OverlappingRequests} overlapping, " +
                $"{statistics.RateLimitedRequests} rate-limited (429), {emulator.GetHistory(Operator).Count} versions.");
            var takenOver = takeover > TimeSpan.Zero && takeover <= BackendInstance.LeaseTime + TimeSpan.FromSeconds(1);
            if (drained && differences.Count == 0 && statistics.OverlappingRequests == 0 && statistics.RateLimitedRequests == 0 && takenOver)
            {
                await output.WriteLineAsync($"OK: Hubject's view and the charge points agree for all {_truth.Count} EVSEs.");
                return 0;
            }

            await output.WriteLineAsync(
                $"MISMATCH: {differences.Count} EVSEs differ, {statistics.OverlappingRequests} overlapping, {statistics.RateLimitedRequests} rate-limited, takeover {takeover.TotalMilliseconds:F0} ms.");
            foreach (var request in emulator.Requests.Where(static request => !request.IsSuccess).Take(3))
            {
                await output.WriteLineAsync($"  refused: HTTP {request.HttpStatus} {request.StatusCode} {request.Path} {request.Body[..Math.Min(200, request.Body.Length)]}");
            }

            foreach (var line in differences.Take(20))
            {
                await output.WriteLineAsync(line);
            }

            foreach (var instance in _instances.Where(instance => instance.Errors.Length > 0))
            {
                await output.WriteLineAsync($"{instance.Name} wrote to standard error:{Environment.NewLine}{instance.Errors}");
            }

            return 1;
        }

        private async Task FlushAllAsync()
        {
            foreach (var instance in _alive)
            {
                await instance.FlushAsync();
            }
        }

        private async Task DeleteKeysAsync(ConnectionMultiplexer connection)
        {
            if (redis.Started || !connection.IsConnected)
            {
                return;
            }

            // A Redis of the user's: the run's keys go (they share the prefix and the operator's hash tag).
            foreach (var server in connection.GetServers())
            {
                await foreach (var key in server.KeysAsync(pattern: $"{_keyPrefix}*"))
                {
                    await connection.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }
    }
}
