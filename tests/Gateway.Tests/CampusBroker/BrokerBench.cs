using System.Net;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>An embedded campus broker on a free loopback port with a gateway account and two board accounts.</summary>
public sealed class BrokerBench : IAsyncDisposable
{
    public const string GatewayUser = "gateway";
    public const string GatewayPassword = "gw-secret-7f3a";

    private BrokerBench(CampusBrokerHost host, IPAddress address)
    {
        Host = host;
        Address = address;
    }

    public CampusBrokerHost Host { get; }

    public IPAddress Address { get; }

    public TestLogger<CampusBrokerHost> Logger { get; private init; } = new();

    public string HostName => Address.ToString();

    public int Port => Host.BoundPort;

    public static string BoardPassword(string boardId) => $"pw-{boardId}-91c2";

    public static async Task<BrokerBench> StartAsync(IPAddress? address = null, int maxPendingMessagesPerClient = 10_000, params string[] boardIds)
    {
        address ??= IPAddress.Loopback;
        var accounts = new List<CampusBrokerAccount> { CampusBrokerAccount.ForGateway(GatewayUser, GatewayPassword) };
        var boards = boardIds.Length == 0 ? ["b201", "b202"] : boardIds;
        accounts.AddRange(boards.Select(b => CampusBrokerAccount.ForBoard(b, BoardPassword(b))));

        var logger = new TestLogger<CampusBrokerHost>();
        var options = new CampusBrokerOptions
        {
            ListenAddress = address,
            Port = 0,
            Accounts = accounts,
            MaxPendingMessagesPerClient = maxPendingMessagesPerClient,
        };
        var host = new CampusBrokerHost(options, logger);
        await host.StartAsync(CancellationToken.None);
        return new BrokerBench(host, address) { Logger = logger };
    }

    public Task<MqttTestClient> ConnectGatewayAsync() =>
        MqttTestClient.ConnectAsync(HostName, Port, GatewayUser, GatewayPassword);

    public Task<MqttTestClient> ConnectBoardAsync(string boardId) =>
        MqttTestClient.ConnectAsync(HostName, Port, boardId, BoardPassword(boardId));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
