using System.Net;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>The gateway's embedded <see cref="CampusBrokerHost"/> on 127.0.0.1 and a free port.</summary>
public sealed class EmbeddedCampusBrokerPeer : ICampusBrokerPeer
{
    private readonly IReadOnlyList<string> _boardIds;
    private readonly IReadOnlyList<string> _gateIds;
    private CampusBrokerHost _host;

    private EmbeddedCampusBrokerPeer(IReadOnlyList<string> boardIds, CampusBrokerHost host, TestLogger<CampusBrokerHost> logger, IReadOnlyList<string> gateIds)
    {
        _boardIds = boardIds;
        _gateIds = gateIds;
        _host = host;
        Logger = logger;
        Port = host.BoundPort;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string GatewayUsername => "gateway";

    public string GatewayPassword => "gw-secret-7f3a";

    public TestLogger<CampusBrokerHost> Logger { get; }

    public string BoardPassword(string boardId) => $"pw-{boardId}-91c2";

    public static async Task<EmbeddedCampusBrokerPeer> StartAsync(IReadOnlyList<string> boardIds, IReadOnlyList<string>? gateIds = null)
    {
        var logger = new TestLogger<CampusBrokerHost>();
        var host = CreateHost(boardIds, port: 0, logger, gateIds ?? []);
        await host.StartAsync(CancellationToken.None);
        return new EmbeddedCampusBrokerPeer(boardIds, host, logger, gateIds ?? []);
    }

    public async Task RestartAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host = CreateHost(_boardIds, Port, Logger, _gateIds);
        await _host.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CampusBrokerHost CreateHost(IReadOnlyList<string> boardIds, int port, TestLogger<CampusBrokerHost> logger, IReadOnlyList<string> gateIds)
    {
        var accounts = new List<CampusBrokerAccount> { CampusBrokerAccount.ForGateway("gateway", "gw-secret-7f3a") };
        accounts.AddRange(boardIds.Select(b => CampusBrokerAccount.ForBoard(b, $"pw-{b}-91c2")));
        accounts.AddRange(gateIds.Select(g => CampusBrokerAccount.ForGate(g, $"pw-{g}-91c2")));
        // The suites run the same cases on Mosquitto, which has no payload limit here, so the drivers' own limits are
        // what they test: the embedded broker lets payloads up to 2 MiB through to them.
        var options = new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = port, Accounts = accounts, MaxPayloadBytes = 2 * 1024 * 1024 };
        return new CampusBrokerHost(options, logger);
    }
}
