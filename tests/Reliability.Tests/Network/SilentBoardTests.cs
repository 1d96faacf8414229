using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A class board that vanishes without DISCONNECT (power lost, cable pulled): it connects to the real gateway's
/// embedded broker with a 2 s keep-alive, sends one heartbeat and then goes silent with its socket still open.
/// The broker must drop the connection after 1.5 keep-alive periods (MQTT 3.1.1 §3.1.2.10), and the gateway must
/// report the board offline to the district once its heartbeat timeout passed.
/// </summary>
public sealed class SilentBoardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string BoardId = "board-401";
    private const string BoardPassword = "silent-board-pass";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-silent-").FullName;
    private MosquittoBroker? _district;

    public async Task InitializeAsync() => _district = await MosquittoBroker.StartAsync();

    [Fact]
    public async Task VanishedBoard_DroppedByBroker_ReportedOffline()
    {
        var district = _district!;
        var campus = new TestCampus
        {
            Directory = _directory,
            DistrictPort = district.Port,
            Devices = 1,
            GatewayId = "gw-silent",
            ExtraDevices = $"  - id: {BoardId}\n    kind: class-board\n    room: \"401\"\n    heartbeatTimeout: 5s\n    password: {BoardPassword}\n\n",
        };
        var yaml = campus.Write();
        var campusPort = int.Parse(yaml.Split('\n').First(line => line.TrimStart().StartsWith("port:", StringComparison.Ordinal)).Split(':')[1], CultureInfo.InvariantCulture);
        await using var recorder = await DistrictRecorder.ConnectAsync(district.Host, district.Port, clientId: "district-silent");
        using var gateway = GatewayProcess.Start(campus.ConfigPath);
        Assert.True(await Eventually.WaitUntilAsync(() => recorder.Statuses.Any(status => status.Status == "online"), TimeSpan.FromSeconds(60)), gateway.Output);

        // A heartbeat sent before the gateway's board hub subscribed is not retained and would be missed.
        Assert.True(await Eventually.WaitUntilAsync(() => gateway.Output.Contains("Subscribed to campus/boards/+/heartbeat", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), gateway.Output);

        using var board = new TcpClient();
        await board.ConnectAsync("127.0.0.1", campusPort);
        var stream = board.GetStream();
        await stream.WriteAsync(Connect(BoardId, BoardId, BoardPassword, keepAliveSeconds: 2));
        var connack = new byte[4];
        await stream.ReadExactlyAsync(connack);
        Assert.True(connack[0] == 0x20, $"The broker sent {Convert.ToHexString(connack)} instead of a CONNACK.");
        Assert.True(connack[3] == 0, $"The broker rejected the board: CONNACK return code {connack[3]}.");
        await stream.WriteAsync(Publish($"campus/boards/{BoardId}/heartbeat", "{\"fw\":\"1.0\"}"));
        Assert.True(
            await Eventually.WaitUntilAsync(() => gateway.Output.Contains($"Device {BoardId} reported online", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            $"The board's heartbeat did not bring it online.\n{gateway.Output}");

        // Silence: no PINGREQ, no DISCONNECT, socket open.
        var silentSince = TimeProvider.System.GetTimestamp();
        using var readTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var read = await stream.ReadAsync(new byte[16], readTimeout.Token);
        var droppedAfter = TimeProvider.System.GetElapsedTime(silentSince);
        Assert.Equal(0, read);
        Assert.True(droppedAfter < TimeSpan.FromSeconds(6), $"The broker dropped the silent board only after {droppedAfter.TotalSeconds:F1} s (keep-alive 2 s).");

        Assert.True(
            await Eventually.WaitUntilAsync(() => gateway.Output.Contains($"Device {BoardId} reported offline", StringComparison.Ordinal), TimeSpan.FromSeconds(20)),
            $"The gateway did not mark the vanished board offline.\n{gateway.Output}");
        var offlineAfter = TimeProvider.System.GetElapsedTime(silentSince);
        Assert.True(
            await Eventually.WaitUntilAsync(() => recorder.Arrivals.Any(arrival => arrival.Lane == "events" && arrival.Timestamp > silentSince), TimeSpan.FromSeconds(20)),
            $"The district got no event record after the board went silent. Types seen: {string.Join(',', recorder.Arrivals.Select(a => a.Type).Distinct())}\n{gateway.Output}");
        var summary = string.Create(CultureInfo.InvariantCulture, $"silent-board: keep-alive=2s dropped-after-ms={droppedAfter.TotalMilliseconds:F0} heartbeat-timeout=5s marked-offline-after-ms={offlineAfter.TotalMilliseconds:F0}");
        output.WriteLine(summary);
        Report.Append(summary);
    }

    public async Task DisposeAsync()
    {
        if (_district is not null)
        {
            await _district.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>MQTT 3.1.1 CONNECT with clean session, user name and password (§3.1).</summary>
    private static byte[] Connect(string clientId, string username, string password, int keepAliveSeconds)
    {
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0xC2, (byte)(keepAliveSeconds >> 8), (byte)keepAliveSeconds };
        body.AddRange(Text(clientId));
        body.AddRange(Text(username));
        body.AddRange(Text(password));
        return [0x10, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>MQTT 3.1.1 PUBLISH at QoS 0 (§3.3).</summary>
    private static byte[] Publish(string topic, string payload)
    {
        var body = new List<byte>(Text(topic));
        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return [0x30, .. RemainingLength(body.Count), .. body];
    }

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static List<byte> RemainingLength(int length)
    {
        var encoded = new List<byte>();
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            encoded.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        return encoded;
    }
}
