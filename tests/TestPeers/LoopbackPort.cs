using System.Net;
using System.Net.Sockets;

namespace SmartCampus.Edge.TestPeers;

/// <summary>Free TCP ports on 127.0.0.1 for servers a test starts, or for a peer that must be unreachable.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Returns a port nothing listens on at the moment of the call. Another process could take it before the test
    /// does; on a test machine that is rare enough to accept.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
