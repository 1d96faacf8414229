using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public sealed class I2cSensorKeysTests
{
    private const string Sensor = """
          - id: th-201
            kind: i2c-sensor
            bus: 1
            address: 0x45
            model: sht3x
            pollInterval: 30s

        """;

    [Fact]
    public void I2cSensor_Read()
    {
        var result = SiteYaml.Load(WithSensor(Sensor));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var sensor = result.Configuration!.Devices.OfType<I2cSensorConfiguration>().Single();
        Assert.Equal(1, sensor.Bus);
        Assert.Equal(0x45, sensor.Address);
        Assert.Equal(I2cSensorChip.Sht3x, sensor.Model);
        Assert.Equal(TimeSpan.FromSeconds(30), sensor.PollInterval);
    }

    [Fact]
    public void RuleOnSensorPoint_Valid()
    {
        var yaml = WithSensor(Sensor).Replace("point: air.co2", "point: th-201.temperature", StringComparison.Ordinal);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void UnknownPointOfModel_Rejected()
    {
        var yaml = WithSensor(Sensor).Replace("point: air.co2", "point: th-201.co2", StringComparison.Ordinal);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.UnknownReference, problem.Kind);
    }

    [Fact]
    public void Address_OutOfRange()
    {
        var yaml = WithSensor(Sensor.Replace("0x45", "0x80", StringComparison.Ordinal));

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.EndsWith(".address", problem.Path, StringComparison.Ordinal);
        Assert.Equal("0x80", problem.Value);
    }

    [Fact]
    public void Model_Unknown()
    {
        var yaml = WithSensor(Sensor.Replace("sht3x", "dht22", StringComparison.Ordinal));

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Contains("sht3x", problem.Message, StringComparison.Ordinal);
        Assert.Contains("scd4x", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scd4x_DefaultAddressAndCo2Point()
    {
        var sensor = """
              - id: co2-301
                kind: i2c-sensor
                model: scd4x

            """;
        var yaml = WithSensor(sensor).Replace("point: air.co2", "point: co2-301.co2", StringComparison.Ordinal);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var scd4x = result.Configuration!.Devices.OfType<I2cSensorConfiguration>().Single();
        Assert.Equal(I2cSensorChip.Scd4x, scd4x.Model);
        Assert.Equal(0x62, scd4x.Address);
        Assert.Equal(1, scd4x.Bus);
    }

    [Fact]
    public void Sht3x_DefaultAddress()
    {
        var result = SiteYaml.Load(WithSensor(Sensor.Replace("    address: 0x45\n", "", StringComparison.Ordinal)));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(0x44, result.Configuration!.Devices.OfType<I2cSensorConfiguration>().Single().Address);
    }

    [Fact]
    public void Scd4x_AddressOutOfRange()
    {
        var yaml = WithSensor(Sensor.Replace("sht3x", "scd4x", StringComparison.Ordinal).Replace("0x45", "0x07", StringComparison.Ordinal));

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.EndsWith(".address", problem.Path, StringComparison.Ordinal);
    }

    private static string WithSensor(string sensor) => SiteYaml.With("rules:\n", sensor + "rules:\n");
}
