using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Oicp.Client.Redis.Tests.TestSupport;

/// <summary>
/// A real redis-server of the test's own, on a free loopback port in a temporary directory, with no RDB
/// snapshots and AOF persistence on request (<c>appendfsync always</c>, so even SIGKILL loses nothing).
/// Never skipped: without redis-server on the PATH the test fails and says how to install it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly bool _appendOnly;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(bool appendOnly, int port)
    {
        _appendOnly = appendOnly;
        Port = port;
        Directory = System.IO.Directory.CreateTempSubdirectory("oicp-redis-").FullName;
    }

    public int Port { get; }

    /// <summary>The temporary directory redis-server runs in (its AOF files live here).</summary>
    public string Directory { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server, on <paramref name="port"/> when given (a test that first finds nothing there), else on a free one.</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false, int? port = null)
    {
        // A free port can be taken by someone else before redis-server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(appendOnly, port ?? FreePort());
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (Exception ex)
            {
                await server.DisposeAsync();
                if (ex is not IOException || attempt == 5 || port is not null)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Connects a new multiplexer; <paramref name="allowAdmin"/> enables SCRIPT FLUSH, FLUSHALL and the like.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = false)
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AllowAdmin = allowAdmin;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Kills redis-server with SIGKILL, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>
    /// Stops redis-server (a clean shutdown when it still runs) and starts it again on the same port. Without
    /// <paramref name="keepData"/> its files are deleted first; with it, the data survives only if persistence is on.
    /// </summary>
    public async Task RestartAsync(bool keepData)
    {
        if (_process is { HasExited: false } process)
        {
            await SendAsync("SHUTDOWN\r\n", expectReply: false);
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        if (!keepData)
        {
            foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Run(() =>
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        });
    }

    /// <summary>A loopback port nothing listens on (at the moment of the call).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", Directory, "--save", string.Empty, "--daemonize", "no",
            "--appendonly", _appendOnly ? "yes" : "no", "--appendfsync", "always",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process?.Dispose();
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not on the PATH: the Redis tests run against a real Redis and are never skipped. " +
                "Install it (Debian/Ubuntu: sudo apt-get install redis-server; .ci/run does this when it is missing).",
                ex);
        }

        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new IOException($"redis-server exited at start-up with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                if (await SendAsync("PING\r\n", expectReply: true) == "+PONG")
                {
                    return;
                }
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                // Not listening yet.
            }
            catch (IOException) when (deadline.Elapsed < StartTimeout)
            {
                // Still loading its data.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout}: {Output()}");
            }

            await Task.Delay(10);
        }
    }

    private async Task<string?> SendAsync(string command, bool expectReply)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        if (!expectReply)
        {
            return null;
        }

        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
