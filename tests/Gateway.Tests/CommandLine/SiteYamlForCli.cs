using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

/// <summary>A valid site with one Modbus TCP device, "meter" at unit 3 on 127.0.0.1:PORT, for the modbus commands.</summary>
internal static class SiteYamlForCli
{
    public const string Valid = SiteYaml.Header + "\n" + """
        devices:
          - id: meter
            kind: modbus-tcp
            host: 127.0.0.1
            port: PORT
            unitId: 3
            points:
              - id: co2
                function: holding
                address: 0
                type: uint16
                unit: ppm
              - id: humidity
                function: holding
                address: 2
                type: float32
                order: CDAB
              - id: model
                function: holding
                address: 30
                type: string
                length: 3
              - id: label
                function: holding
                address: 40
                type: string
                length: 2
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
        """;
}
