using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>The operator's text for a failed connect to the campus broker, against real sockets and a real Mosquitto.</summary>
public sealed class ConnectFailureTests
{
    [Fact]
    public async Task Refused_NamesHostPortAndSettings()
    {
        var port = LoopbackPort.Free();
        using var culture = new UiCulture("en");

        var error = await FirstErrorAsync(new CampusMqttOptions { Host = "127.0.0.1", Port = port, ClientId = "gw-refused" });

        Assert.Equal(CampusMqttText.Format("ConnectRefused", "127.0.0.1", port, "campusBroker.host", "campusBroker.port"), error.Text);
        Assert.DoesNotContain("Unspecified", error.Text, StringComparison.Ordinal);
        Assert.Contains(error.Logger.Entries, e => e.Id.Id == 2242);
    }

    [Fact]
    public async Task BadPassword_NamesAccountSettings()
    {
        const string PasswdTool = "/usr/bin/mosquitto_passwd";
        Assert.True(File.Exists(PasswdTool), $"{PasswdTool} was not found: install mosquitto (apt-get install mosquitto).");
        var directory = Directory.CreateTempSubdirectory("campus-passwd-").FullName;
        try
        {
            var passwordFile = Path.Combine(directory, "passwd");
            await File.WriteAllTextAsync(passwordFile, string.Empty);
            using (var tool = Process.Start(PasswdTool, ["-b", passwordFile, "gateway", "right-secret"]))
            {
                await tool.WaitForExitAsync();
            }

            var options = new MosquittoBrokerOptions();
            options.ExtraConfigLines.Add("allow_anonymous false");
            options.ExtraConfigLines.Add($"password_file {passwordFile}");
            await using var broker = await MosquittoBroker.StartAsync(options);
            using var culture = new UiCulture("zh-CN");

            var error = await FirstErrorAsync(new CampusMqttOptions { Host = broker.Host, Port = broker.Port, ClientId = "gw-badpw", Username = "gateway", Password = "wrong-secret" });

            Assert.Equal(CampusMqttText.Format("ConnectBadCredentials", broker.Host, broker.Port, "campusBroker.username", "campusBroker.password"), error.Text);
            Assert.Contains("campusBroker.password", error.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(error.Logger.Entries, e => e.Message.Contains("wrong-secret", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SilentPeer_TimesOut()
    {
        // A listener that accepts and never answers CONNECT.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var culture = new UiCulture("en");

        var error = await FirstErrorAsync(new CampusMqttOptions { Host = "127.0.0.1", Port = port, ClientId = "gw-silent", ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(CampusMqttText.Format("ConnectTimedOut", "127.0.0.1", port, 0.3, "campusBroker.host", "campusBroker.port") == error.Text, string.Join(" | ", error.Logger.Entries.Select(e => e.Message)));
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, "ConnectHostUnknown")]
    [InlineData(SocketError.TryAgain, "ConnectHostUnknown")]
    [InlineData(SocketError.NetworkUnreachable, "ConnectUnreachable")]
    [InlineData(SocketError.ConnectionRefused, "ConnectRefused")]
    public void Describe_SocketError(SocketError code, string key)
    {
        using var culture = new UiCulture("en");
        var wrapped = new MQTTnet.Exceptions.MqttCommunicationException(new SocketException((int)code));

        var text = CampusConnectFailure.Describe(wrapped, "broker.school.example", 1883, TimeSpan.FromSeconds(10));

        var expected = key switch
        {
            "ConnectHostUnknown" => CampusMqttText.Format(key, "broker.school.example", "campusBroker.host"),
            "ConnectUnreachable" => CampusMqttText.Format(key, "broker.school.example", 1883, "campusBroker.host"),
            _ => CampusMqttText.Format(key, "broker.school.example", 1883, "campusBroker.host", "campusBroker.port"),
        };
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Refused_NamesOverridingOptions()
    {
        var refused = new MQTTnet.Exceptions.MqttCommunicationException(new SocketException((int)SocketError.ConnectionRefused));
        var settings = CampusBrokerSettingNames.Configuration with { Port = "--port" };

        using (new UiCulture("zh-CN"))
        {
            var text = CampusConnectFailure.Describe(refused, "127.0.0.1", 18831, TimeSpan.FromSeconds(10), settings: settings);

            Assert.Equal("校园 MQTT 服务器 127.0.0.1:18831 拒绝连接：该端口上没有服务在监听。请检查服务器是否运行中，以及 campusBroker.host 和 --port 是否正确。", text);
        }

        using (new UiCulture("en"))
        {
            var text = CampusConnectFailure.Describe(refused, "127.0.0.1", 18831, TimeSpan.FromSeconds(10), settings: settings);

            Assert.Equal("The campus broker 127.0.0.1:18831 refused the connection: nothing listens on that port. Check that the broker runs and that campusBroker.host and --port are right.", text);
        }
    }

    [Theory]
    [InlineData(MQTTnet.MqttClientConnectResultCode.BadUserNameOrPassword, "用户名或密码错误", "wrong user name or password")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.NotAuthorized, "用户名或密码错误", "wrong user name or password")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.Banned, "不允许", "does not allow")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.ServerUnavailable, "暂不可用", "is unavailable")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.ServerBusy, "繁忙", "is busy")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.ClientIdentifierNotValid, "客户端 ID", "client id")]
    [InlineData(MQTTnet.MqttClientConnectResultCode.UnsupportedProtocolVersion, "协议版本", "protocol version")]
    public void Rejected_CodeHasOwnText(MQTTnet.MqttClientConnectResultCode code, string zhCn, string en)
    {
        string chinese;
        string english;
        using (new UiCulture("zh-CN"))
        {
            chinese = CampusConnectFailure.Rejected(code, "10.1.2.3", 1883);
        }

        using (new UiCulture("en"))
        {
            english = CampusConnectFailure.Rejected(code, "10.1.2.3", 1883);
        }

        Assert.Contains(zhCn, chinese, StringComparison.Ordinal);
        Assert.Contains(en, english, StringComparison.Ordinal);
        Assert.DoesNotContain(code.ToString(), chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_UnknownCode_KeepsCodeAndEndpoint()
    {
        using var culture = new UiCulture("zh-CN");

        var text = CampusConnectFailure.Rejected(MQTTnet.MqttClientConnectResultCode.PayloadFormatInvalid, "10.1.2.3", 1883);

        Assert.Contains("10.1.2.3:1883", text, StringComparison.Ordinal);
        Assert.Contains("0x99 PayloadFormatInvalid", text, StringComparison.Ordinal);
        Assert.Contains("拒绝连接", text, StringComparison.Ordinal);
    }

    private static async Task<(string Text, TestLogger<ConnectFailureTests> Logger)> FirstErrorAsync(CampusMqttOptions options)
    {
        var logger = new TestLogger<ConnectFailureTests>();
        using var session = new CampusMqttSession(options, TimeProvider.System, logger, ["campus/#"], _ => Task.CompletedTask, _ => Task.CompletedTask);
        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token);
        var started = Stopwatch.StartNew();
        while (session.LastConnectError is null)
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), "no connect error within 8 s");
            await Task.Delay(10);
        }

        var text = session.LastConnectError;
        Assert.NotNull(session.LastConnectErrorAt);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        return (text, logger);
    }

}
