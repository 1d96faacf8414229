using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>
/// campus.yaml files for the reliability runs: the gateway's in-process Modbus classroom simulator polled by
/// <see cref="Devices"/> Modbus TCP devices every 100 ms (a rising CO2 value, so every poll is a new sample), a
/// simulated smoke contact that trips for one second, threshold and input rules, the embedded campus broker and a
/// real Mosquitto as the district broker.
/// </summary>
internal sealed class TestCampus
{
    public required string Directory { get; init; }

    public required int DistrictPort { get; init; }

    public string DistrictHost { get; init; } = "127.0.0.1";

    /// <summary>Delay of the simulated smoke trip after the gateway starts.</summary>
    public string SmokeAfter { get; init; } = "2s";

    public int Devices { get; init; } = 4;

    public string GatewayId { get; init; } = "gw-cut";

    public string SchoolId { get; init; } = "proof-school";

    /// <summary>Extra YAML lines under <c>district:</c>, indented by two spaces (e.g. credentials).</summary>
    public string DistrictExtra { get; init; } = string.Empty;

    /// <summary>The district <c>publishTimeout</c>: short by default so that the cut and soak tests notice outages soon.</summary>
    public string PublishTimeout { get; init; } = "5s";

    /// <summary>Extra YAML lines under <c>campusBroker:</c>, indented by two spaces (e.g. accounts).</summary>
    public string CampusBrokerExtra { get; init; } = string.Empty;

    public string CampusBrokerPassword { get; init; } = "campus-gateway-pass";

    /// <summary>Extra device entries, indented as list items under <c>devices:</c>.</summary>
    public string ExtraDevices { get; init; } = string.Empty;

    /// <summary>CO2 rise of the classroom simulator; 150 ppm/s makes every 100 ms poll a new value, 1 ppm/s one a second.</summary>
    public int Co2RisePerSecondPpm { get; init; } = 150;

    /// <summary>Extra rule entries, indented as list items under <c>rules:</c>.</summary>
    public string ExtraRules { get; init; } = string.Empty;

    public string ConfigPath => Path.Combine(Directory, "campus.yaml");

    public string DataDirectory => Path.Combine(Directory, "data");

    public string OutboxPath => Path.Combine(DataDirectory, "outbox.db");

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public string Write()
    {
        var simulatorPort = LoopbackPort.Free();
        var campusPort = LoopbackPort.Free();
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $$"""
            school:
              id: {{SchoolId}}
              name: 可靠性测试学校
            gateway:
              id: {{GatewayId}}
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: embedded
              host: 127.0.0.1
              port: {{campusPort}}
              username: gateway
              password: {{CampusBrokerPassword}}
            {{CampusBrokerExtra}}
            district:
              host: {{DistrictHost}}
              port: {{DistrictPort}}
              protocol: "5"
              topicPrefix: district
              publishTimeout: {{PublishTimeout}}
              batchSize: 50
            {{DistrictExtra}}
            simulators:
              - kind: modbus-classroom
                host: 127.0.0.1
                port: {{simulatorPort}}
                unitId: 1
                co2StartPpm: 900
                co2RisePerSecondPpm: {{Co2RisePerSecondPpm}}
              - kind: smoke-trip
                point: fire-panel.smoke
                after: {{SmokeAfter}}
                hold: 1s
            devices:
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

            """);
        for (var device = 1; device <= Devices; device++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  - id: room-{{device}}-air
                    kind: modbus-tcp
                    host: 127.0.0.1
                    port: {{simulatorPort}}
                    unitId: 1
                    pollInterval: 100ms
                    timeout: 1s
                    points:
                      - id: co2
                        function: holding
                        address: 0
                        type: uint16
                        unit: ppm

                """);
        }

        yaml.Append(ExtraDevices);
        yaml.Append("""
            rules:
              - id: co2-high
                kind: threshold
                point: room-1-air.co2
                above: 1200
                for: 1s
                clearBelow: 1000
                severity: warning
                actions:
                  - setOutput: fire-panel.siren
                    value: true
              - id: fire-alarm
                kind: input
                point: fire-panel.smoke
                equals: true
                severity: critical
                actions:
                  - setOutput: fire-panel.siren
                    value: true

            """);
        yaml.Append(ExtraRules);

        System.IO.Directory.CreateDirectory(Directory);
        var text = yaml.ToString();
        File.WriteAllText(ConfigPath, text);
        return text;
    }
}
