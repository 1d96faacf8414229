using System.Globalization;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Technician;

/// <summary>mqtt publish and watch against a real Mosquitto.</summary>
public sealed class MqttCommandsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Watch_PrintsPublishedUntilCount()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var target = new CampusBrokerTarget(broker.Host, broker.Port, null, null);
        var watchOutput = new SynchronizedWriter();
        var watchError = new SynchronizedWriter();

        var watch = MqttCommands.WatchAsync(target, "campus/boards/+/notice", 2, watchOutput, watchError, CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => watchOutput.Text.Contains("Watching", StringComparison.Ordinal) || watch.IsCompleted, Wait), watchError.Text);

        var publishOutput = new StringWriter();
        Assert.Equal(ExitCodes.Success, await MqttCommands.PublishAsync(target, "campus/boards/b1/notice", "{\"text\":\"课间操\"}", 1, false, publishOutput, new StringWriter(), CancellationToken.None));
        Assert.Equal(ExitCodes.Success, await MqttCommands.PublishAsync(target, "campus/other", "ignored", 0, false, new StringWriter(), new StringWriter(), CancellationToken.None));
        Assert.Equal(ExitCodes.Success, await MqttCommands.PublishAsync(target, "campus/boards/b2/notice", "second", 2, false, new StringWriter(), new StringWriter(), CancellationToken.None));

        Assert.Equal(ExitCodes.Success, await watch.WaitAsync(Wait));
        Assert.Equal([Watching("campus/boards/+/notice", broker.Port), "campus/boards/b1/notice {\"text\":\"课间操\"}", "campus/boards/b2/notice second"], watchOutput.Lines);
        Assert.Equal(string.Empty, watchError.Text);
        Assert.Contains("Published 20 bytes to campus/boards/b1/notice (QoS 1", publishOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StopsOnCancel()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var target = new CampusBrokerTarget(broker.Host, broker.Port, null, null);
        using var cancellation = new CancellationTokenSource();
        var output = new SynchronizedWriter();

        var watch = MqttCommands.WatchAsync(target, "#", null, output, new StringWriter(), cancellation.Token);
        Assert.True(await Eventually.WaitUntilAsync(() => output.Text.Contains("Watching", StringComparison.Ordinal), Wait), output.Text);
        await cancellation.CancelAsync();

        Assert.Equal(ExitCodes.Success, await watch.WaitAsync(Wait));
    }

    [Fact]
    public async Task Retained_ReachesLaterWatcher()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var target = new CampusBrokerTarget(broker.Host, broker.Port, null, null);
        Assert.Equal(ExitCodes.Success, await MqttCommands.PublishAsync(target, "campus/boards/b1/emergency", "fire", 1, true, new StringWriter(), new StringWriter(), CancellationToken.None));
        var output = new SynchronizedWriter();

        var exitCode = await MqttCommands.WatchAsync(target, "campus/boards/b1/emergency", 1, output, new StringWriter(), CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal([Watching("campus/boards/b1/emergency", broker.Port), "campus/boards/b1/emergency fire"], output.Lines);
    }

    [Fact]
    public async Task Retained_ZhCnWatchingLineFirst()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var target = new CampusBrokerTarget(broker.Host, broker.Port, null, null);
        Assert.Equal(ExitCodes.Success, await MqttCommands.PublishAsync(target, "campus/boards/b2/emergency", "fire", 1, true, new StringWriter(), new StringWriter(), CancellationToken.None));
        var output = new SynchronizedWriter();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            await MqttCommands.WatchAsync(target, "campus/boards/+/emergency", 1, output, new StringWriter(), CancellationToken.None).WaitAsync(Wait);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal([$"正在 127.0.0.1:{broker.Port} 上查看 campus/boards/+/emergency；按 Ctrl+C 停止。", "campus/boards/b2/emergency fire"], output.Lines);
    }

    [Theory]
    [InlineData("zh-CN", true, "（QoS 1，保留消息：是）。")]
    [InlineData("zh-CN", false, "（QoS 1，保留消息：否）。")]
    [InlineData("en", false, "(QoS 1, retained: no).")]
    public async Task Publish_RetainInLanguage(string culture, bool retain, string expected)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var output = new StringWriter();
        using var language = new UiCulture(culture);

        await MqttCommands.PublishAsync(new CampusBrokerTarget(broker.Host, broker.Port, null, null), "a/b", "x", 1, retain, output, new StringWriter(), CancellationToken.None);

        Assert.EndsWith(expected, output.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPassword_ZhCnNamesAccountSettings()
    {
        const string PasswdTool = "/usr/bin/mosquitto_passwd";
        var directory = Directory.CreateTempSubdirectory("cli-passwd-").FullName;
        try
        {
            var passwordFile = Path.Combine(directory, "passwd");
            await File.WriteAllTextAsync(passwordFile, string.Empty);
            using (var tool = System.Diagnostics.Process.Start(PasswdTool, ["-b", passwordFile, "gateway", "right-secret"]))
            {
                await tool.WaitForExitAsync();
            }

            var options = new MosquittoBrokerOptions();
            options.ExtraConfigLines.Add("allow_anonymous false");
            options.ExtraConfigLines.Add($"password_file {passwordFile}");
            await using var broker = await MosquittoBroker.StartAsync(options);
            var target = new CampusBrokerTarget(broker.Host, broker.Port, "gateway", "wrong-secret")
            {
                Settings = new("--host", "--port", "--username", CampusBrokerTarget.PasswordVariable),
            };
            var error = new StringWriter();
            using var language = new UiCulture("zh-CN");

            var exitCode = await MqttCommands.WatchAsync(target, "#", 1, new StringWriter(), error, CancellationToken.None).WaitAsync(Wait);

            Assert.Equal(ExitCodes.Unavailable, exitCode);
            Assert.Equal($"校园 MQTT 服务器 127.0.0.1:{broker.Port} 拒绝了该账号：用户名或密码错误，或该账号无权连接。请核对 --username、SMARTCAMPUS_MQTT_PASSWORD 与服务器上的账号。", error.ToString().TrimEnd());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ClosedPort_NamesPortOption()
    {
        using var site = new TechnicianSite(campusPort: LoopbackPort.Free());
        var port = LoopbackPort.Free();
        var target = CampusBrokerTarget.Resolve(site.Site, null, port, null);
        var error = new StringWriter();
        using var language = new UiCulture("zh-CN");

        await MqttCommands.WatchAsync(target, "#", 1, new StringWriter(), error, CancellationToken.None).WaitAsync(Wait);

        Assert.Contains("campusBroker.host 和 --port 是否正确", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedPort_ExitsUnavailable()
    {
        var error = new StringWriter();

        var port = LoopbackPort.Free();

        var exitCode = await MqttCommands.PublishAsync(new CampusBrokerTarget("127.0.0.1", port, null, null), "a/b", "x", 1, false, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains($"127.0.0.1:{port} refused the connection", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unspecified", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidQos_Rejected()
    {
        var exitCode = await MqttCommands.PublishAsync(new CampusBrokerTarget("127.0.0.1", 1, null, null), "a/b", "x", 3, false, new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidConfiguration, exitCode);
    }

    [Fact]
    public void Target_TakesGatewayAccountFromConfiguration()
    {
        using var site = new TechnicianSite(campusPort: 18830);

        var target = CampusBrokerTarget.Resolve(site.Site, null, null, null);
        var other = CampusBrokerTarget.Resolve(site.Site, "10.0.0.5", 1884, "board-201");

        Assert.Equal(new CampusBrokerTarget("127.0.0.1", 18830, "gateway", "gateway-test-secret"), target);

        // Another account never gets the gateway's password.
        Assert.Equal(new CampusBrokerTarget("10.0.0.5", 1884, "board-201", Environment.GetEnvironmentVariable(CampusBrokerTarget.PasswordVariable)) { Settings = other.Settings }, other);
        Assert.Equal(Drivers.Mqtt.CampusBrokerSettingNames.Configuration, target.Settings);
        Assert.Equal(("--host", "--port", "--username"), (other.Settings.Host, other.Settings.Port, other.Settings.Username));
    }

    private static string Watching(string filter, int port) => $"Watching {filter} on 127.0.0.1:{port}; press Ctrl+C to stop.";

    /// <summary>A writer the watch callback and the test thread can share.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }
    }
}
