using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Reliability.Tests.Security;

/// <summary>
/// The real gateway process with every kind of secret configured (district password, the gateway's and a board's
/// campus broker passwords, the district command key), driven through the paths that log: connecting, a board with
/// a wrong password, a good board, a signed and a badly signed district command, SIGTERM. Then the embedded broker
/// gets a burst of bad logins, malformed packets and oversized messages and must still serve a good board. Every
/// line the gateway wrote, console and log files, is searched for each configured secret.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string DistrictUser = "gw-secret";
    private const string DistrictPassword = "district-Pa55-zq81x";
    private const string GatewayPassword = "campus-gw-Pa55-k4m2";
    private const string BoardPassword = "board-Pa55-77hv3";
    private const string BoardId = "board-301";
    private static readonly byte[] CommandKey = [.. Enumerable.Range(40, 32).Select(value => (byte)value)];

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-secrets-").FullName;
    private MosquittoBroker? _district;

    public async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_directory, "district.passwd");
        using (var passwd = System.Diagnostics.Process.Start("mosquitto_passwd", ["-b", "-c", passwordFile, DistrictUser, DistrictPassword]))
        {
            await passwd.WaitForExitAsync();
            Assert.True(passwd.ExitCode == 0, "mosquitto_passwd failed: install mosquitto (apt-get install mosquitto).");
        }

        var options = new MosquittoBrokerOptions();
        options.ExtraConfigLines.Add("allow_anonymous false");
        options.ExtraConfigLines.Add($"password_file {passwordFile}");
        _district = await MosquittoBroker.StartAsync(options);
    }

    [Fact]
    public async Task GatewayRun_LogsNoSecret_AndBrokerSurvivesBurst()
    {
        var district = _district!;
        var keyFile = Path.Combine(_directory, "command.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(CommandKey));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var campus = new TestCampus
        {
            Directory = _directory,
            DistrictPort = district.Port,
            Devices = 1,
            GatewayId = "gw-secret",
            CampusBrokerPassword = GatewayPassword,
            DistrictExtra = $"  username: {DistrictUser}\n  password: {DistrictPassword}\n  commandKeyFile: ./command.key\n",
            ExtraDevices = $"  - id: {BoardId}\n    kind: class-board\n    room: \"301\"\n    password: {BoardPassword}\n\n",
        };
        var yaml = campus.Write();
        var campusPort = int.Parse(yaml.Split('\n').First(line => line.TrimStart().StartsWith("port:", StringComparison.Ordinal)).Split(':')[1], CultureInfo.InvariantCulture);

        string console;
        using (var gateway = GatewayProcess.Start(campus.ConfigPath))
        {
            await using var recorder = await ConnectDistrictAsync(district, "district/#");
            Assert.True(await Eventually.WaitUntilAsync(() => recorder.Count > 0, TimeSpan.FromSeconds(30)), $"The gateway never reached the district with its password:\n{gateway.Output}");

            // A board with a wrong password, then the right one.
            Assert.False(await TryConnectBoardAsync(campusPort, "not-" + BoardPassword), "The embedded broker let a board in with a wrong password.");
            Assert.True(await TryConnectBoardAsync(campusPort, BoardPassword), $"A board with the right password was refused:\n{gateway.Output}");

            // District commands: one signed with the key, one with a wrong signature.
            await SendCommandAsync(district, campus, signed: true);
            await SendCommandAsync(district, campus, signed: false);
            await Task.Delay(1000);

            var burst = await SecurityBurst.RunAsync(campusPort, BoardId, BoardPassword);
            Assert.False(gateway.HasExited, $"The gateway exited during the burst:\n{gateway.Output}");
            Assert.True(burst.BadLoginsRefused == burst.BadLogins, $"{burst.BadLogins - burst.BadLoginsRefused} bad logins were let in.");
            Assert.True(burst.OversizedRefused == burst.Oversized, $"{burst.Oversized - burst.OversizedRefused} oversized publishes were accepted by the campus broker.");
            Assert.True(await TryConnectBoardAsync(campusPort, BoardPassword, publish: true), $"After the burst a good board could not connect and publish:\n{gateway.Output}");
            Report.Append(burst.ToString());

            Assert.True(gateway.Stop(TimeSpan.FromSeconds(20)), "The gateway did not stop on SIGTERM within 20 s.");
            console = gateway.Output;
        }

        var files = Directory.Exists(campus.LogDirectory) ? Directory.GetFiles(campus.LogDirectory, "*", SearchOption.AllDirectories) : [];
        Assert.NotEmpty(files);
        var lines = console.Split('\n').Concat(files.SelectMany(File.ReadAllLines)).ToList();
        Assert.True(lines.Count > 20, $"Only {lines.Count} log lines were written; the run proved nothing.");

        string[] secrets = [DistrictPassword, GatewayPassword, BoardPassword, Convert.ToBase64String(CommandKey), Convert.ToHexString(CommandKey)];
        foreach (var secret in secrets)
        {
            var leaks = lines.Where(line => line.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"A configured secret appears in {leaks.Count} log lines, first: {leaks.FirstOrDefault()}");
        }

        Report.Append(string.Create(CultureInfo.InvariantCulture, $"secrets: log-lines={lines.Count} files={files.Length} secrets-checked={secrets.Length} leaks=0"));
    }

    public async Task DisposeAsync()
    {
        if (_district is not null)
        {
            await _district.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<CountingSubscriber> ConnectDistrictAsync(MosquittoBroker district, string filter)
    {
        var subscriber = new CountingSubscriber();
        await subscriber.ConnectAsync(district.Port, DistrictUser, DistrictPassword, filter);
        return subscriber;
    }

    private static async Task<bool> TryConnectBoardAsync(int port, string password, bool publish = false)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(BoardId).WithCredentials(BoardId, password).WithTimeout(TimeSpan.FromSeconds(10)).Build();
        try
        {
            var result = await client.ConnectAsync(options);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            if (publish)
            {
                var heartbeat = new MqttApplicationMessageBuilder().WithTopic($"campus/boards/{BoardId}/heartbeat").WithPayload("{\"fw\":\"1.0\"}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                var published = await client.PublishAsync(heartbeat);
                if (!published.IsSuccess)
                {
                    return false;
                }
            }

            await client.DisconnectAsync();
            return true;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return false;
        }
    }

    private static async Task SendCommandAsync(MosquittoBroker district, TestCampus campus, bool signed)
    {
        var now = DateTimeOffset.UtcNow;
        var id = $"cmd-{(signed ? "signed" : "forged")}-{Guid.NewGuid():N}";
        var issuedAt = now.ToString("O", CultureInfo.InvariantCulture);
        var expiresAt = now.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);
        const string Payload = "{\"reason\":\"test\"}";
        var signature = signed
            ? DownlinkSignature.Compute(CommandKey, campus.SchoolId, campus.GatewayId, id, "ping", issuedAt, expiresAt, Payload)
            : Convert.ToBase64String(new byte[32]);
        var body = $"{{\"id\":\"{id}\",\"type\":\"ping\",\"issuedAt\":\"{issuedAt}\",\"expiresAt\":\"{expiresAt}\",\"payload\":{Payload},\"signature\":\"{signature}\",\"origin\":\"console\"}}";

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", district.Port).WithCredentials(DistrictUser, DistrictPassword).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"district/{campus.SchoolId}/{campus.GatewayId}/cmd/ping").WithPayload(body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await client.DisconnectAsync();
    }
}
