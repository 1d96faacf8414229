using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

public sealed class CampusBrokerHostTests
{
    [Fact]
    public async Task Anonymous_IsRejected()
    {
        await using var broker = await BrokerBench.StartAsync();

        var (client, result) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, null, null);
        await client.DisposeAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result);
        Assert.Equal(1, broker.Host.Counters.ConnectionsRejected);
        Assert.Equal(0, broker.Host.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task WrongPassword_IsRejected()
    {
        await using var broker = await BrokerBench.StartAsync();

        var (wrong, wrongResult) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", "not-the-password");
        var (other, otherResult) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", BrokerBench.BoardPassword("b202"));
        var (unknown, unknownResult) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b999", "whatever");
        var (empty, emptyResult) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", string.Empty);
        var (right, rightResult) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", BrokerBench.BoardPassword("b201"));
        await wrong.DisposeAsync();
        await other.DisposeAsync();
        await unknown.DisposeAsync();
        await empty.DisposeAsync();
        await right.DisposeAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrongResult);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, otherResult);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknownResult);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, emptyResult);
        Assert.Equal(MqttClientConnectResultCode.Success, rightResult);
        Assert.Equal(4, broker.Host.Counters.ConnectionsRejected);
        Assert.Equal(1, broker.Host.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task Passwords_AreNeverLogged()
    {
        await using var broker = await BrokerBench.StartAsync();

        var (wrong, _) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", "typed-wrong-secret");
        await wrong.DisposeAsync();
        await using (await broker.ConnectBoardAsync("b201"))
        {
        }

        await using (await broker.ConnectGatewayAsync())
        {
        }

        await broker.Host.StopAsync(CancellationToken.None);

        Assert.Contains(broker.Logger.Entries, e => e.Id.Id == 1305);
        Assert.Contains(broker.Logger.Entries, e => e.Id.Id == 1303);
        string[] secrets = ["typed-wrong-secret", BrokerBench.BoardPassword("b201"), BrokerBench.GatewayPassword];
        foreach (var entry in broker.Logger.Entries)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, entry.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Board_CannotPublishOutsideItsPrefix()
    {
        await using var broker = await BrokerBench.StartAsync();
        await using var gateway = await broker.ConnectGatewayAsync();
        await gateway.SubscribeAsync("#");
        await using var board = await broker.ConnectBoardAsync("b201");

        var foreign = await board.PublishAsync("campus/boards/b202/heartbeat", "{}");
        var outside = await board.PublishAsync("district/x/alarms", "{}");
        var own = await board.PublishAsync("campus/boards/b201/heartbeat", "{\"n\":1}");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, outside.ReasonCode);
        Assert.True(own.IsSuccess, own.ReasonCode.ToString());

        // The permitted message was published last; once it has arrived, the denied ones would have arrived too.
        await gateway.WaitForMessageAsync("campus/boards/b201/heartbeat");
        Assert.DoesNotContain(gateway.Received, m => m.Topic != "campus/boards/b201/heartbeat");
        Assert.Equal(2, broker.Host.Counters.PublishesDenied);
        Assert.Equal(1, broker.Host.Counters.MessagesReceived);
        Assert.Contains(broker.Logger.Entries, e => e.Id.Id == 1306 && e.Message.Contains("campus/boards/b202/heartbeat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Board_CannotSubscribeOutsideItsPrefix()
    {
        await using var broker = await BrokerBench.StartAsync();
        await using var board = await broker.ConnectBoardAsync("b201");

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await board.SubscribeAsync("campus/boards/b202/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await board.SubscribeAsync("campus/boards/+/notice"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await board.SubscribeAsync("#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await board.SubscribeAsync("campus/boards/b2011/#"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await board.SubscribeAsync("campus/boards/b201/#"));

        await using var gateway = await broker.ConnectGatewayAsync();
        await gateway.PublishAsync("campus/boards/b202/notice", "{\"id\":\"for-b202\"}");
        await gateway.PublishAsync("campus/boards/b201/notice", "{\"id\":\"for-b201\"}");

        await board.WaitForMessageAsync("campus/boards/b201/notice");
        Assert.Single(board.Received);
        Assert.Equal(4, broker.Host.Counters.SubscriptionsDenied);
    }

    [Fact]
    public async Task Gateway_MayUseEveryTopic()
    {
        await using var broker = await BrokerBench.StartAsync();
        await using var gateway = await broker.ConnectGatewayAsync();

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await gateway.SubscribeAsync("#"));
        var published = await gateway.PublishAsync("campus/boards/b202/emergency", "{\"id\":\"e\",\"active\":true}", retain: true);

        Assert.True(published.IsSuccess, published.ReasonCode.ToString());
        await gateway.WaitForMessageAsync("campus/boards/b202/emergency");
    }

    [Fact]
    public async Task ClientId_OfAnotherAccount_IsRejected()
    {
        await using var broker = await BrokerBench.StartAsync();
        await using var gateway = await MqttTestClient.ConnectAsync(broker.HostName, broker.Port, BrokerBench.GatewayUser, BrokerBench.GatewayPassword, "gw-01-class-boards");

        var (board, result) = await MqttTestClient.TryConnectAsync(broker.HostName, broker.Port, "b201", BrokerBench.BoardPassword("b201"), "gw-01-class-boards");
        await board.DisposeAsync();

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, result);
        Assert.True(gateway.IsConnected);
    }

    [Fact]
    public async Task Listener_IsBoundToConfiguredAddressOnly()
    {
        await using var broker = await BrokerBench.StartAsync(IPAddress.Loopback);

        await using (await broker.ConnectGatewayAsync())
        {
        }

        await AssertRefusedAsync(IPAddress.Parse("127.0.0.2"), broker.Port);
        await AssertRefusedAsync(IPAddress.IPv6Loopback, broker.Port);
    }

    [Fact]
    public async Task Listener_OnSecondLoopbackAddress_IgnoresFirst()
    {
        var second = IPAddress.Parse("127.0.0.2");
        await using var broker = await BrokerBench.StartAsync(second);

        await using (await broker.ConnectGatewayAsync())
        {
        }

        await AssertRefusedAsync(IPAddress.Loopback, broker.Port);
    }

    [Fact]
    public async Task Listener_OnIpv6Loopback_IgnoresIpv4()
    {
        await using var broker = await BrokerBench.StartAsync(IPAddress.IPv6Loopback);

        await using (await broker.ConnectGatewayAsync())
        {
        }

        await AssertRefusedAsync(IPAddress.Loopback, broker.Port);
    }

    [Fact]
    public async Task Start_PortInUse_NamesAddressAndPort()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var host = new CampusBrokerHost(
            new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = port, Accounts = [CampusBrokerAccount.ForGateway("gateway", "x")] },
            new TestLogger<CampusBrokerHost>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.False(host.IsRunning);
    }

    [Fact]
    public async Task Counters_TrackConnections()
    {
        await using var broker = await BrokerBench.StartAsync();

        var board = await broker.ConnectBoardAsync("b201");
        await using var gateway = await broker.ConnectGatewayAsync();
        await WaitUntilAsync(() => broker.Host.Counters.ConnectedClients == 2);
        await board.DisposeAsync();
        await WaitUntilAsync(() => broker.Host.Counters.ConnectedClients == 1);

        Assert.Equal(2, broker.Host.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task FullQueue_DropsAreCountedAndLogged()
    {
        await using var broker = await BrokerBench.StartAsync(maxPendingMessagesPerClient: 10);
        using var stalled = await RawMqttSubscriber.ConnectAndSubscribeAsync(broker.HostName, broker.Port, "b201", BrokerBench.BoardPassword("b201"), "campus/boards/b201/#");
        await using var gateway = await broker.ConnectGatewayAsync();

        // 20 MB in total: more than the socket buffers on both sides of a loopback connection hold.
        var payload = new byte[1024];
        for (var i = 0; i < 20_000 && broker.Host.Counters.MessagesDropped == 0; i++)
        {
            await gateway.PublishAsync("campus/boards/b201/notice", payload);
        }

        await WaitUntilAsync(() => broker.Host.Counters.MessagesDropped > 0);
        Assert.Contains(broker.Logger.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 1308);
    }

    [Fact]
    public void Options_WithoutAccounts_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new CampusBrokerHost(
            new CampusBrokerOptions { Port = 70000, Accounts = [] },
            new TestLogger<CampusBrokerHost>()));

        Assert.Contains("70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_DuplicateUser_MessageInChinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var error = Assert.Throws<ArgumentException>(() => new CampusBrokerHost(
                new CampusBrokerOptions { Accounts = [CampusBrokerAccount.ForBoard("b1", "x"), CampusBrokerAccount.ForBoard("b1", "y")] },
                new TestLogger<CampusBrokerHost>()));

            Assert.Contains("用户名 b1 被多个账号使用", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Account_ToString_HidesPassword()
    {
        var account = CampusBrokerAccount.ForBoard("b201", "very-secret");

        Assert.DoesNotContain("very-secret", account.ToString(), StringComparison.Ordinal);
        Assert.Equal("campus/boards/b201/", account.AllowedTopicPrefix);
    }

    private static async Task AssertRefusedAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(address, port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "The condition did not hold within 5 s.");
            await Task.Delay(10);
        }
    }
}
