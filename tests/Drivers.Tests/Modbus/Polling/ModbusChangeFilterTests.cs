using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Polling;

public sealed class ModbusChangeFilterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Filter_DeadbandAndMaxSilence()
    {
        var filter = new ModbusChangeFilter(_time);
        var point = new ModbusPointOptions { Name = "co2", ReportOnChange = true, Deadband = 50, MaxSilence = TimeSpan.FromMinutes(1) };

        Assert.True(filter.ShouldPublish(point, Good(900)));
        Assert.False(filter.ShouldPublish(point, Good(949)));
        Assert.True(filter.ShouldPublish(point, Good(951)));
        Assert.False(filter.ShouldPublish(point, Good(960)));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(filter.ShouldPublish(point, Good(960)));
    }

    [Fact]
    public void Filter_QualityChangeAlwaysPublished()
    {
        var filter = new ModbusChangeFilter(_time);
        var point = new ModbusPointOptions { Name = "co2", ReportOnChange = true };

        Assert.True(filter.ShouldPublish(point, Good(900)));
        Assert.True(filter.ShouldPublish(point, Bad()));
        Assert.False(filter.ShouldPublish(point, Bad()));
        Assert.True(filter.ShouldPublish(point, Good(900)));
        Assert.False(filter.ShouldPublish(point, Good(900)));
        Assert.True(filter.ShouldPublish(point, Good(901)));
    }

    [Fact]
    public void Filter_TextChange()
    {
        var filter = new ModbusChangeFilter(_time);
        var point = new ModbusPointOptions { Name = "firmware", ReportOnChange = true };

        Assert.True(filter.ShouldPublish(point, Text("v1.0")));
        Assert.False(filter.ShouldPublish(point, Text("v1.0")));
        Assert.True(filter.ShouldPublish(point, Text("v1.1")));
        Assert.True(filter.ShouldPublish(point, Text("V1.1")));
    }

    [Fact]
    public void Filter_OffPassesEverything()
    {
        var filter = new ModbusChangeFilter(_time);
        var point = new ModbusPointOptions { Name = "co2" };

        Assert.True(filter.ShouldPublish(point, Good(900)));
        Assert.True(filter.ShouldPublish(point, Good(900)));
    }

    private Sample Good(double value) =>
        new(new PointId("room", "co2"), PointValue.FromNumber(value), Quality.Good, _time.GetUtcNow(), new MonotonicStamp("boot", TimeSpan.Zero));

    private Sample Bad() =>
        new(new PointId("room", "co2"), PointValue.None, Quality.Bad, _time.GetUtcNow(), new MonotonicStamp("boot", TimeSpan.Zero));

    private Sample Text(string text) =>
        new(new PointId("meter", "firmware"), PointValue.FromText(text), Quality.Good, _time.GetUtcNow(), new MonotonicStamp("boot", TimeSpan.Zero));
}
