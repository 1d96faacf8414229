using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

public static class FreePort
{
    /// <summary>Returns a TCP port that was free on <paramref name="address"/> a moment ago (bind to port 0, read it, release it).</summary>
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
