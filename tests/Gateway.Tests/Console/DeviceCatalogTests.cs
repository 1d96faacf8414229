using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Gateway.WebConsole.Devices;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The device page's list of devices: the Modbus request limits a site sets appear beside the kind.</summary>
public class DeviceCatalogTests
{
    [Fact]
    public void RequestLimits_ShownWhenSet()
    {
        var result = SiteYaml.Load(SiteYaml.With("    host: 127.0.0.1\n", "    host: 127.0.0.1\n    maxRegistersPerRequest: 50\n    maxGap: 0\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var air = DeviceCatalog.From(result.Configuration!).Single(device => device.Id == "air");
        Assert.Equal(["maxRegistersPerRequest: 50", "maxGap: 0"], air.Settings);
    }

    [Fact]
    public void RequestLimits_HiddenByDefault()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        var air = DeviceCatalog.From(result.Configuration!).Single(device => device.Id == "air");
        Assert.Empty(air.Settings);
    }
}
