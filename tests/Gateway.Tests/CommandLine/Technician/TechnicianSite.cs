using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Technician;

/// <summary>A small campus.yaml in a temporary folder, with its data folder next to it.</summary>
internal sealed class TechnicianSite : IDisposable
{
    public TechnicianSite(int campusPort = 1883)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("smartcampus-cli-").FullName;
        ConfigPath = Path.Combine(Directory, "campus.yaml");
        File.WriteAllText(ConfigPath, Yaml(campusPort));
        var result = SiteConfigurationLoader.Load(ConfigPath, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Site = result.Configuration!;
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    public SiteConfiguration Site { get; }

    public string DataDirectory => Site.Gateway.DataDirectory;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Yaml(int campusPort) => $$"""
        school:
          id: cli-school
          name: 测试学校
        gateway:
          id: gw-cli
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: external
          host: 127.0.0.1
          port: {{campusPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: 1
        devices:
          - id: fire-panel
            kind: gpio
            driver: simulated
            name: 消防联动
            points:
              - id: smoke
                direction: input
                pin: 17
                activeLow: true
              - id: siren
                direction: output
                pin: 27
                safeState: false
              - id: strike
                direction: output
                pin: 22
                activeLow: true
                safeState: false
                pulse: 300ms
          - id: room-201-air
            kind: modbus-tcp
            host: 127.0.0.1
            port: 15020
            points:
              - id: humidity
                function: holding
                address: 2
                type: float32
                order: CDAB
                unit: "%RH"
        """;
}
