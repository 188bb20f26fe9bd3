using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Oicp.Samples.ScaleOut;

/// <summary>
/// The Redis of a run: the one given with <c>--redis</c>, or a redis-server from the PATH started on a free loopback
/// port in a temporary directory, without persistence, and stopped (its directory deleted) at the end.
/// </summary>
internal sealed class LocalRedis : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _directory;

    private LocalRedis(string configuration, Process? process, string? directory)
    {
        Configuration = configuration;
        _process = process;
        _directory = directory;
    }

    public string Configuration { get; }

    public bool Started => _process is not null;

    public static LocalRedis Given(string configuration) => new(configuration, null, null);

    /// <summary>Starts redis-server; throws <see cref="InvalidOperationException"/> when it is not on the PATH or does not answer.</summary>
    public static async Task<LocalRedis> StartAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var directory = Directory.CreateTempSubdirectory("oicp-scaleout-").FullName;
        var start = new ProcessStartInfo("redis-server") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException("redis-server is not on the PATH: install it (Debian/Ubuntu: apt-get install redis-server) or give --redis HOST:PORT.", exception);
        }

        process.OutputDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new LocalRedis($"127.0.0.1:{port}", process, directory);
        try
        {
            var options = ConfigurationOptions.Parse(redis.Configuration);
            options.AbortOnConnectFail = false;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            while (!connection.IsConnected)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await redis.DisposeAsync();
            throw new InvalidOperationException($"redis-server did not answer on {redis.Configuration} within 20 s.");
        }

        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Directory.Delete(_directory!, recursive: true);
        }
    }
}
