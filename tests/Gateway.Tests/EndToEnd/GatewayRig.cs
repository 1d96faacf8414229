using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>
/// A whole gateway host in-process, wired to a real Mosquitto as the district broker and a real pymodbus server
/// as the classroom sensor, on a fake clock that the test moves forward.
/// </summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    public const string BoardId = "board-201";
    public const string BoardPassword = "board-test-secret";
    public const string NoticeText = "CO2 is high in this classroom.";

    /// <summary>Fake time moved per step, and the real pause after each step that lets I/O and timers catch up.</summary>
    private static readonly TimeSpan FakeStep = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RealPause = TimeSpan.FromMilliseconds(10);

    private readonly string _directory;

    private GatewayRig(string directory, MosquittoBroker district, PymodbusServer sensor, int campusPort, FakeTimeProvider clock, IHost host)
    {
        _directory = directory;
        District = district;
        Sensor = sensor;
        CampusPort = campusPort;
        Clock = clock;
        Host = host;
    }

    public MosquittoBroker District { get; }

    public PymodbusServer Sensor { get; }

    public int CampusPort { get; }

    public FakeTimeProvider Clock { get; }

    public IHost Host { get; }

    public OutboxStore Outbox => Host.Services.GetRequiredService<OutboxStore>();

    public string LogDirectory => Path.Combine(_directory, "data", "logs");

    /// <summary>The campus.yaml the host was built from, for district configuration updates.</summary>
    public string ConfigurationPath => Path.Combine(_directory, "campus.yaml");

    /// <summary>Key the district signs commands with, when the rig was started with commands on.</summary>
    public static readonly byte[] CommandKey = [.. Enumerable.Range(1, 32).Select(value => (byte)value)];

    /// <param name="thingsBoardLines">district keys of the ThingsBoard profile, indented by two spaces; they replace topicPrefix and commandKeyFile.</param>
    public static async Task<GatewayRig> StartAsync(IReadOnlyDictionary<ushort, ushort> registers, bool districtPersistence = false, bool districtCommands = false, string? thingsBoardLines = null)
    {
        var directory = Directory.CreateTempSubdirectory("smartcampus-e2e-").FullName;
        var commandKeyLine = string.Empty;
        if (districtCommands)
        {
            var keyFile = Path.Combine(directory, "district-command.key");
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(CommandKey));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            commandKeyLine = "commandKeyFile: ./district-command.key";
        }

        var district = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = districtPersistence });
        var sensor = await PymodbusServer.StartAsync(new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = registers }, CancellationToken.None);
        var campusPort = LoopbackPort.Free();

        var yaml = Campus(district.Port, sensor.Port, campusPort, commandKeyLine);
        if (thingsBoardLines is not null)
        {
            yaml = yaml.Replace("  topicPrefix: district\n", string.Empty, StringComparison.Ordinal).Replace("  publishTimeout: 60s\n", "  publishTimeout: 60s\n" + thingsBoardLines, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "campus.yaml"), yaml);
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings
        {
            TimeProvider = clock,
            ConfigurationPath = Path.Combine(directory, "campus.yaml"),
            ReplaceStaticLogger = false,
            WriteLogToConsole = false,
        });
        await host.StartAsync();

        return new GatewayRig(directory, district, sensor, campusPort, clock, host);
    }

    /// <summary>Moves the fake clock forward in small steps until <paramref name="condition"/> holds or <paramref name="maxFakeTime"/> passed.</summary>
    public async Task<bool> AdvanceUntilAsync(Func<bool> condition, TimeSpan maxFakeTime)
    {
        var advanced = TimeSpan.Zero;
        while (!condition())
        {
            if (advanced >= maxFakeTime)
            {
                return false;
            }

            Clock.Advance(FakeStep);
            advanced += FakeStep;
            await Task.Delay(RealPause);
        }

        return true;
    }

    /// <summary>Moves the fake clock forward by <paramref name="fakeTime"/> in small steps.</summary>
    public Task AdvanceAsync(TimeSpan fakeTime) => AdvanceUntilAsync(() => false, fakeTime);

    public string ReadLog()
    {
        if (!Directory.Exists(LogDirectory))
        {
            return "(no log written)";
        }

        return string.Join(Environment.NewLine, Directory.GetFiles(LogDirectory).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await Host.StopAsync(timeout.Token);
        }

        Host.Dispose();
        await Sensor.DisposeAsync();
        await District.DisposeAsync();

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Returns the school, gateway, embedded campus broker and district sections of the rig's campus.yaml, up to the
    /// district's topic prefix, so a test can add district keys and its own devices and rules.
    /// </summary>
    internal static string SiteHead(int districtPort, int campusPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-test
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: embedded
          host: 127.0.0.1
          port: {{campusPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: {{districtPort}}
          protocol: "5"
          clientId: test-school-gw-test
          topicPrefix: district
        """;

    private static string Campus(int districtPort, int sensorPort, int campusPort, string commandKeyLine) => SiteHead(districtPort, campusPort) + "\n" + $$"""
          publishTimeout: 60s
          batchSize: 50
          {{commandKeyLine}}
        outbox:
          maxDiskMegabytes: 64
        devices:
          - id: room-201-air
            kind: modbus-tcp
            host: 127.0.0.1
            port: {{sensorPort}}
            unitId: 1
            pollInterval: 1s
            timeout: 30s
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
                unit: ppm
              - id: temperature
                function: holding
                address: 1
                type: int16
                scale: 0.1
              - id: humidity
                function: holding
                address: 2
                type: float32
                order: CDAB
                scale: 0.5
                offset: 1
          - id: fire-panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
                activeLow: true
                debounce: 50ms
              - id: siren
                direction: output
                pin: 27
                safeState: false
          - id: {{BoardId}}
            kind: class-board
            room: "201"
            password: {{BoardPassword}}
        rules:
          - id: co2-high
            kind: threshold
            point: room-201-air.co2
            above: 1500
            for: 2m
            clearBelow: 1200
            severity: warning
            actions:
              - notice: {{BoardId}}
                text:
                  zh-CN: 教室二氧化碳浓度偏高。
                  en: {{NoticeText}}
          - id: fire-alarm
            kind: input
            point: fire-panel.smoke
            equals: true
            severity: critical
            actions:
              - setOutput: fire-panel.siren
                value: true
              - emergencyNotice: all
                text:
                  zh-CN: 火警！
                  en: Fire alarm!
        """;
}
