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

        Assert.Equal(CampusMqttText.Format("ConnectRefused", "127.0.0.1", port), error.Text);
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

            Assert.Equal(CampusMqttText.Format("ConnectBadCredentials", broker.Host, broker.Port), error.Text);
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

        Assert.True(CampusMqttText.Format("ConnectTimedOut", "127.0.0.1", port, 0.3) == error.Text, string.Join(" | ", error.Logger.Entries.Select(e => e.Message)));
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

        Assert.Equal(key == "ConnectHostUnknown" ? CampusMqttText.Format(key, "broker.school.example") : CampusMqttText.Format(key, "broker.school.example", 1883), text);
    }

    [Fact]
    public void Rejected_UnknownCode_KeepsCodeAndEndpoint()
    {
        using var culture = new UiCulture("zh-CN");

        var text = CampusConnectFailure.Rejected(MQTTnet.MqttClientConnectResultCode.ServerBusy, "10.1.2.3", 1883);

        Assert.Contains("10.1.2.3:1883", text, StringComparison.Ordinal);
        Assert.Contains("ServerBusy", text, StringComparison.Ordinal);
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
