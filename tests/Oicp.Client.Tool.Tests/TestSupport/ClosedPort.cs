using System.Net;
using System.Net.Sockets;

namespace Oicp.Client.Tool.Tests.TestSupport;

/// <summary>A base address on 127.0.0.1 where nothing listens: a port the system just handed out and that was closed again.</summary>
internal static class ClosedPort
{
    public static Uri Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"https://127.0.0.1:{port}/api/oicp/");
    }
}
