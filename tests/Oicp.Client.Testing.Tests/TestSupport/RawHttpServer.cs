using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Oicp.Client.Testing.Tests.TestSupport;

/// <summary>
/// A bare TCP server on 127.0.0.1 for faults Kestrel will not produce on purpose: it reads each request
/// (headers and Content-Length body) and then lets the test script write whatever bytes it likes.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Socket, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<int> _requests = Channel.CreateUnbounded<int>();
    private readonly List<Socket> _open = [];
    private readonly Task _acceptLoop;
    private int _count;

    public RawHttpServer(Func<Socket, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/oicp/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>A port on 127.0.0.1 where nothing listens: bound by the system, then released.</summary>
    public static Uri ClosedPortAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/api/oicp/");
    }

    /// <summary>Resets the connection (RST) right after writing headers that promise 500 bytes and 20 of them.</summary>
    public static async Task ResetMidBody(Socket socket)
    {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"Result\":true,\"Stat";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        // A zero linger time makes Close send a TCP reset instead of an orderly FIN.
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Never answers: the connection stays open until the server is disposed.</summary>
    public static Task NeverAnswer(Socket socket) => Task.CompletedTask;

    /// <summary>Waits until the server has read a whole request; returns how many it has read.</summary>
    public async Task<int> NextRequestAsync()
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _requests.Reader.ReadAsync(safety.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_open)
            {
                _open.Add(socket);
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            while (await ReadRequestAsync(socket))
            {
                _requests.Writer.TryWrite(Interlocked.Increment(ref _count));
                await _answer(socket);
                if (!socket.Connected)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server stopped; nothing to answer.
        }
    }

    private async Task<bool> ReadRequestAsync(Socket socket)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await socket.ReceiveAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var headers = Encoding.ASCII.GetString(buffer.ToArray(), 0, headerEnd);
        var length = headers.Split("\r\n").Select(line => line.Split(':', 2)).Where(pair => pair.Length == 2 && pair[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(pair => int.Parse(pair[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var remaining = length - (buffer.Count - headerEnd - 4);
        while (remaining > 0)
        {
            var read = await socket.ReceiveAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            remaining -= read;
        }

        return true;
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 3; i < buffer.Count; i++)
        {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }
}
