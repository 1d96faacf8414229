using System.Net;
using System.Net.Sockets;
using MQTTnet;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>The embedded broker listens on each configured address and on no other, checked with loopback addresses only.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task TwoAddresses_AnswerOnBoth_NotElsewhere()
    {
        await using var host = await StartAsync([IPAddress.Loopback, IPAddress.IPv6Loopback]);

        var (v4, v4Result) = await MqttTestClient.TryConnectAsync("127.0.0.1", host.BoundPort, BrokerBench.GatewayUser, BrokerBench.GatewayPassword);
        var (v6, v6Result) = await MqttTestClient.TryConnectAsync("::1", host.BoundPort, BrokerBench.GatewayUser, BrokerBench.GatewayPassword);
        await v4.DisposeAsync();
        await v6.DisposeAsync();

        Assert.Equal(MqttClientConnectResultCode.Success, v4Result);
        Assert.Equal(MqttClientConnectResultCode.Success, v6Result);

        // 127.0.0.2 is a loopback address of this machine too, but not configured.
        Assert.Equal(SocketError.ConnectionRefused, await TcpConnectAsync(IPAddress.Parse("127.0.0.2"), host.BoundPort));
        Assert.Equal(2, host.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task OneAddress_NoOtherFamily()
    {
        await using var host = await StartAsync([IPAddress.Loopback]);

        Assert.Equal(SocketError.Success, await TcpConnectAsync(IPAddress.Loopback, host.BoundPort));
        Assert.Equal(SocketError.ConnectionRefused, await TcpConnectAsync(IPAddress.IPv6Loopback, host.BoundPort));
    }

    [Fact]
    public async Task ConfiguredPort_SharedByEveryAddress()
    {
        var port = FreePort.On(IPAddress.IPv6Loopback);
        await using var host = await StartAsync([IPAddress.IPv6Loopback, IPAddress.Loopback], port);

        Assert.Equal(port, host.BoundPort);
        Assert.Equal(SocketError.Success, await TcpConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.Success, await TcpConnectAsync(IPAddress.IPv6Loopback, port));
    }

    [Fact]
    public void WildcardNextToOthers_Refused()
    {
        var options = new CampusBrokerOptions
        {
            ListenAddresses = [IPAddress.Any, IPAddress.Loopback],
            Port = 0,
            Accounts = [CampusBrokerAccount.ForGateway(BrokerBench.GatewayUser, BrokerBench.GatewayPassword)],
        };

        var error = Assert.Throws<ArgumentException>(() => new CampusBrokerHost(options, new TestLogger<CampusBrokerHost>()));

        Assert.Contains("0.0.0.0", error.Message, StringComparison.Ordinal);
    }

    private static async Task<CampusBrokerHost> StartAsync(IReadOnlyList<IPAddress> addresses, int port = 0)
    {
        var options = new CampusBrokerOptions
        {
            ListenAddresses = addresses,
            Port = port,
            Accounts = [CampusBrokerAccount.ForGateway(BrokerBench.GatewayUser, BrokerBench.GatewayPassword)],
        };
        var host = new CampusBrokerHost(options, new TestLogger<CampusBrokerHost>());
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    private static async Task<SocketError> TcpConnectAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return SocketError.Success;
        }
        catch (SocketException exception)
        {
            return exception.SocketErrorCode;
        }
    }
}
