using System.Device.Gpio;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// A whole gateway with its console on HTTPS on a free loopback port, a real pymodbus server as the classroom
/// sensor, a simulated fire panel with a siren (held by a life-safety rule) and a free relay, and one class board.
/// Real clock unless a test passes its own, so the console's session, stream and pulse timers run as on site.
/// </summary>
internal sealed partial class ConsoleRig : IAsyncDisposable
{
    public const string SmokePoint = "fire-panel.smoke";
    public const int SmokePin = 17;
    public const int SirenPin = 27;
    public const int RelayPin = 22;
    public const ushort InitialCo2 = 612;

    /// <summary>Register of the temperature point, in 0.1 °C: 21.5 °C, below both temperature rules.</summary>
    public const ushort InitialTemperature = 215;

    private readonly string _directory;

    private ConsoleRig(string directory, PymodbusServer sensor, IHost host)
    {
        _directory = directory;
        Sensor = sensor;
        Host = host;
        Console = host.Services.GetRequiredService<ConsoleService>();
        _certificate = new Lazy<X509Certificate2>(() =>
            X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(DataDirectory, ConsoleAccountStore.FolderName, ConsoleCertificate.FileName), password: null));
    }

    private readonly Lazy<X509Certificate2> _certificate;

    public PymodbusServer Sensor { get; }

    public IHost Host { get; }

    public ConsoleService Console { get; }

    public Uri BaseAddress => Console.BaseAddress ?? throw new InvalidOperationException("The console did not start.");

    public X509Certificate2 Certificate => _certificate.Value;

    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Path of campus.yaml when the rig was started with a configuration file.</summary>
    public string ConfigurationPath => Path.Combine(_directory, "campus.yaml");

    public SimulatedGpioDriver FirePanel => Host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"];

    /// <summary>
    /// Starts the rig. With <paramref name="configurationFile"/> the site configuration is written to campus.yaml in
    /// the rig's folder and the host gets its path and the start-up trial result, as <c>smartcampus-edge run</c> does;
    /// <paramref name="beforeStart"/> receives that path to put a pending update or previous file beside it. With
    /// <paramref name="externalCampusPort"/> the campus broker is external at that loopback port instead of embedded.
    /// <paramref name="editYaml"/> changes the campus.yaml text; the host then starts on what <c>run</c> would start on,
    /// which may be the file without its broken devices, and logs what was left out as <c>run</c> does.
    /// </summary>
    public static async Task<ConsoleRig> StartAsync(
        string extraConsoleKeys = "",
        TimeProvider? timeProvider = null,
        int? consolePort = null,
        bool configurationFile = false,
        Action<string>? beforeStart = null,
        int? externalCampusPort = null,
        Func<string, string>? editYaml = null)
    {
        var directory = Directory.CreateTempSubdirectory("smartcampus-console-").FullName;
        PymodbusServer? sensor = null;
        try
        {
            sensor = await PymodbusServer.StartAsync(
                new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = new Dictionary<ushort, ushort> { [0] = InitialCo2, [1] = InitialTemperature } },
                CancellationToken.None);
            var yaml = Campus(sensor.Port, externalCampusPort ?? LoopbackPort.Free(), LoopbackPort.Free(), consolePort ?? LoopbackPort.Free(), extraConsoleKeys, externalCampusPort is null ? "embedded" : "external");
            yaml = editYaml?.Invoke(yaml) ?? yaml;
            string? configurationPath = null;
            ConfigurationChange? change = null;
            if (configurationFile)
            {
                configurationPath = Path.Combine(directory, "campus.yaml");
                await File.WriteAllTextAsync(configurationPath, yaml);
                beforeStart?.Invoke(configurationPath);
                change = ConfigurationTrial.PrepareStart(configurationPath, CultureInfo.GetCultureInfo("en"));
                yaml = await File.ReadAllTextAsync(configurationPath);
            }

            var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", directory, CultureInfo.GetCultureInfo("en"));
            var start = StartConfiguration.Choose(result, withoutBrokenDevices: false);
            Assert.True(start is not null, ConfigurationReport.Format(result));

            var host = GatewayHost.Build(start.Site, new GatewayHostSettings
            {
                TimeProvider = timeProvider ?? TimeProvider.System,
                ReplaceStaticLogger = false,
                WriteLogToConsole = false,
                ConfigurationVersion = "test-version",
                ConfigurationPath = configurationPath,
                ConfigurationChange = change,
                LeftOut = start.LeftOut is { } leftOut ? LeftOutDevices.From(result, leftOut) : null,
            });
            RunCommand.LogLeftOut(host, result, start);
            await host.StartAsync();
            return new ConsoleRig(directory, sensor, host);
        }
        catch
        {
            if (sensor is not null)
            {
                await sensor.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Sets the fire panel's smoke contact (active low), as the detector would.</summary>
    public void SetSmoke(bool smoke) => FirePanel.SetInputLevel(SmokePin, smoke ? PinValue.Low : PinValue.High);

    public string ReadLog()
    {
        var logs = Path.Combine(DataDirectory, "logs");
        if (!Directory.Exists(logs))
        {
            return string.Empty;
        }

        return string.Join(Environment.NewLine, Directory.GetFiles(logs).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    /// <summary>The one-time setup code, read from the log line a technician would look for.</summary>
    public async Task<string> ReadSetupCodeAsync()
    {
        string? code = null;
        await Eventually.WaitUntilAsync(() => (code = SetupCodePattern().Match(ReadLog()) is { Success: true } match ? match.Groups[1].Value : null) is not null, TimeSpan.FromSeconds(10));
        return code ?? throw new InvalidOperationException($"No setup code in the log:{Environment.NewLine}{ReadLog()}");
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await Host.StopAsync(timeout.Token);
        }

        Host.Dispose();
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
        await Sensor.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"One-time setup code: (\d{4}-\d{4}-\d{4})")]
    private static partial Regex SetupCodePattern();

    private static string Campus(int sensorPort, int campusPort, int closedDistrictPort, int consolePort, string extraConsoleKeys, string campusMode) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-test
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: {{campusMode}}
          host: 127.0.0.1
          port: {{campusPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: {{closedDistrictPort}}
        console:
          enabled: true
          address: 127.0.0.1
          port: {{consolePort}}
          historyInterval: 1s
          {{extraConsoleKeys}}
        devices:
          - id: room-201-air
            kind: modbus-tcp
            name: Room 201 air sensor
            host: 127.0.0.1
            port: {{sensorPort}}
            pollInterval: 200ms
            timeout: 2s
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
                unit: "°C"
          - id: fire-panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: {{SmokePin}}
                activeLow: true
                debounce: 20ms
              - id: siren
                direction: output
                pin: {{SirenPin}}
                safeState: false
              - id: relay
                direction: output
                pin: {{RelayPin}}
                safeState: false
          - id: board-201
            kind: class-board
            room: "201"
            password: board-test-secret
        rules:
          - id: fire-alarm
            kind: input
            point: {{SmokePoint}}
            equals: true
            severity: critical
            lifeSafety: true
            actions:
              - setOutput: fire-panel.siren
                value: true
          - id: temperature-high
            kind: threshold
            point: room-201-air.temperature
            above: 30
            clearBelow: 28
            severity: warning
          - id: temperature-slow
            kind: threshold
            point: room-201-air.temperature
            above: 25
            for: 1h
            clearBelow: 24
            severity: minor
        """;
}
