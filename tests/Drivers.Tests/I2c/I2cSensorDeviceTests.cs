using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.I2c;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>
/// The SHT3x through the real Iot.Device.Bindings driver, on an in-process fake chip: this machine has no I2C bus,
/// so the bus transfer itself is not exercised.
/// </summary>
public sealed class I2cSensorDeviceTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sht3x_ReadingsBecomeSamples()
    {
        await using var bench = Bench.Start();

        var first = await bench.Sink.WaitForSamplesAsync("th-201.temperature", 1);
        bench.Chip!.Celsius = 26.0;
        bench.Chip.RelativeHumidity = 61.5;
        bench.Time.Advance(Poll);
        var temperatures = await bench.Sink.WaitForSamplesAsync("th-201.temperature", 2);
        var humidities = await bench.Sink.WaitForSamplesAsync("th-201.humidity", 2);

        Assert.Equal(23.4, first[0].Value.Number, 1);
        Assert.Equal(Quality.Good, first[0].Quality);
        Assert.Equal(55.0, humidities[0].Value.Number, 1);
        Assert.Equal(26.0, temperatures[1].Value.Number, 1);
        Assert.Equal(61.5, humidities[1].Value.Number, 1);
        Assert.Equal(1, bench.Settings!.BusId);
        Assert.Equal(0x44, bench.Settings.DeviceAddress);
    }

    [Fact]
    public async Task Sht3x_SendsResetAndMeasureCommands()
    {
        await using var bench = Bench.Start();

        await bench.Sink.WaitForSamplesAsync("th-201.humidity", 1);

        var writes = bench.Chip!.Writes;
        Assert.Equal([0x30, 0xA2], writes[0]);
        Assert.Contains(writes, w => w.SequenceEqual(new byte[] { 0x24, 0x00 }));
    }

    [Fact]
    public async Task CrcError_SamplesBad()
    {
        await using var bench = Bench.Start(chip => chip.CorruptCrc = true);

        var temperature = (await bench.Sink.WaitForSamplesAsync("th-201.temperature", 1))[0];
        var humidity = (await bench.Sink.WaitForSamplesAsync("th-201.humidity", 1))[0];

        Assert.Equal(Quality.Bad, temperature.Quality);
        Assert.Equal(PointValue.None, temperature.Value);
        Assert.Equal(Quality.Bad, humidity.Quality);
        Assert.Contains(bench.Logger.Entries, e => e.Id.Id == 2215);
    }

    [Fact]
    public async Task BusMissing_FaultThenRecovers()
    {
        await using var bench = Bench.Start(failOpens: 1);

        var fault = await bench.Sink.WaitForEventAsync("th-201", DeviceEventTypes.Fault);
        var bad = await bench.Sink.WaitForSamplesAsync("th-201.temperature", 1);
        bench.Time.Advance(TimeSpan.FromSeconds(5));
        var samples = await bench.Sink.WaitForSamplesAsync("th-201.temperature", 2);

        Assert.Contains("/dev/i2c-1", fault.Attributes!["reason"], StringComparison.Ordinal);
        Assert.Equal("0x44", fault.Attributes["address"]);
        Assert.Equal(Quality.Bad, bad[0].Quality);
        Assert.Equal(Quality.Good, samples[1].Quality);
        Assert.Contains(bench.Logger.Entries, e => e.Id.Id == 2214);
    }

    [Fact]
    public async Task ChipStopsAnswering_FaultOnceAndReopen()
    {
        await using var bench = Bench.Start();
        await bench.Sink.WaitForSamplesAsync("th-201.temperature", 1);

        bench.Chip!.Unplugged = true;
        bench.Time.Advance(Poll);
        await bench.Sink.WaitForEventAsync("th-201", DeviceEventTypes.Fault);
        bench.Chip.Unplugged = false;
        bench.Time.Advance(TimeSpan.FromSeconds(5));
        await bench.Sink.WaitUntilAsync(() => bench.Opens == 2 && bench.Sink.SamplesOf("th-201.temperature").Count(s => s.Quality == Quality.Good) == 2, "a good sample after reopening");

        var fault = Assert.Single(bench.Sink.Events, e => e.Type == DeviceEventTypes.Fault);
        Assert.Contains("does not respond on /dev/i2c-1 at address 0x44 (Error 121", fault.Attributes!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public void Address_OutOfRange_Rejected()
    {
        var options = new I2cSensorOptions { DeviceId = "th-201", Address = 0x80, Model = I2cSensorModel.Sht3x };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new I2cSensorDevice(options, new GatewayClock(new FakeTimeProvider(), "boot"), new TestLogger<I2cSensorDevice>()));

        Assert.Contains("0x80", error.Message, StringComparison.Ordinal);
    }

    private static class Bench
    {
        public static I2cBench<FakeSht3x> Start(Action<FakeSht3x>? setUp = null, int failOpens = 0) =>
            I2cBench<FakeSht3x>.Start(
                new I2cSensorOptions { DeviceId = "th-201", BusId = 1, Address = 0x44, Model = I2cSensorModel.Sht3x, PollInterval = Poll, RetryDelay = TimeSpan.FromSeconds(5) },
                settings => new FakeSht3x(settings),
                setUp,
                failOpens);
    }
}
