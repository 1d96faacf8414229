using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.I2c;

namespace SmartCampus.Edge.Drivers.Tests.I2c;

/// <summary>
/// The SCD4x through <see cref="I2cSensorDevice"/> on an in-process fake chip that follows the datasheet's command
/// set: this machine has no I2C bus, so the bus transfer itself is not exercised.
/// </summary>
public sealed class Scd4xDeviceTests
{
    private const ushort Start = 0x21B1;
    private const ushort DataReady = 0xE4B8;
    private const ushort ReadMeasurement = 0xEC05;
    private const ushort Stop = 0x3F86;

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Scd4x_ReadingsBecomeSamples()
    {
        await using var bench = StartBench();

        var first = await bench.Sink.WaitForSamplesAsync("co2-301.co2", 1);
        bench.Chip!.Co2 = 1480;
        bench.Chip.Celsius = 25.0;
        bench.Chip.RelativeHumidity = 60.0;
        await bench.AdvanceUntilAsync(Period, () => bench.Sink.SamplesOf("co2-301.humidity").Count >= 2, "a second measurement");

        var temperatures = bench.Sink.SamplesOf("co2-301.temperature");
        var humidities = bench.Sink.SamplesOf("co2-301.humidity");
        Assert.Equal(612, first[0].Value.Number);
        Assert.Equal(Quality.Good, first[0].Quality);
        Assert.Equal(22.5, temperatures[0].Value.Number, 1);
        Assert.Equal(48.0, humidities[0].Value.Number, 1);
        Assert.Equal(1480, bench.Sink.SamplesOf("co2-301.co2")[1].Value.Number);
        Assert.Equal(25.0, temperatures[1].Value.Number, 1);
        Assert.Equal(60.0, humidities[1].Value.Number, 1);
        Assert.Equal(0x62, bench.Settings!.DeviceAddress);
    }

    [Fact]
    public async Task Scd4x_CommandSequence()
    {
        await using var bench = StartBench();

        await bench.Sink.WaitForSamplesAsync("co2-301.humidity", 1);
        await bench.AdvanceUntilAsync(Period, () => bench.Sink.SamplesOf("co2-301.humidity").Count >= 2, "a second measurement");

        Assert.Equal([Start, DataReady, ReadMeasurement, DataReady, ReadMeasurement], bench.Chip!.Commands);
    }

    [Fact]
    public async Task Scd4x_StopsOnDispose()
    {
        var bench = StartBench();
        await bench.Sink.WaitForSamplesAsync("co2-301.co2", 1);

        await bench.DisposeAsync();

        Assert.Equal(Stop, bench.Chip!.Commands[^1]);
        Assert.False(bench.Chip.Measuring);
    }

    [Fact]
    public async Task NotReady_AsksAgainWithoutSample()
    {
        await using var bench = StartBench(chip => chip.NotReadyReplies = 2);

        await bench.Sink.WaitUntilAsync(() => bench.Chip!.Commands.Count(c => c == DataReady) == 1, "the first data-ready query");
        Assert.Empty(bench.Sink.Samples);
        await bench.AdvanceUntilAsync(I2cSensorDevice.NotReadyRetry, () => bench.Sink.SamplesOf("co2-301.co2").Count == 1, "a measurement after two not-ready replies");

        Assert.Equal(3, bench.Chip!.Commands.Count(c => c == DataReady));
        Assert.Equal(1, bench.Chip.Commands.Count(c => c == ReadMeasurement));
        Assert.Equal(Quality.Good, bench.Sink.SamplesOf("co2-301.co2")[0].Quality);
        Assert.Empty(bench.Sink.Events);
        Assert.Contains(bench.Logger.Entries, e => e.Id.Id == 2290);
    }

    [Fact]
    public async Task NeverReady_FaultAfterThreePeriods()
    {
        await using var bench = StartBench(chip => chip.NotReadyReplies = -1);

        var advanced = await bench.AdvanceUntilAsync(I2cSensorDevice.NotReadyRetry, () => bench.Sink.Events.Count > 0, "a fault of a chip that is never ready");

        var fault = Assert.Single(bench.Sink.Events);
        Assert.Equal(DeviceEventTypes.Fault, fault.Type);
        Assert.Contains("no measurement ready for 15 s", fault.Attributes!["reason"], StringComparison.Ordinal);
        Assert.InRange(advanced, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
        Assert.All(bench.Sink.Samples, s => Assert.Equal(Quality.Bad, s.Quality));
    }

    [Fact]
    public async Task CrcError_FaultNamesBusAddressAndFix()
    {
        await using var bench = StartBench(chip => chip.CorruptFrames = 1);

        var fault = await bench.Sink.WaitForEventAsync("co2-301", DeviceEventTypes.Fault);
        var reason = fault.Attributes!["reason"];

        Assert.Contains("/dev/i2c-1", reason, StringComparison.Ordinal);
        Assert.Contains("0x62", reason, StringComparison.Ordinal);
        Assert.Contains("wrong CRC", reason, StringComparison.Ordinal);
        Assert.Contains("pull-up", reason, StringComparison.Ordinal);
        Assert.Equal("0x62", fault.Attributes["address"]);
        foreach (var point in I2cSensorDevice.PointsOf(I2cSensorModel.Scd4x))
        {
            var sample = Assert.Single(bench.Sink.SamplesOf("co2-301." + point));
            Assert.Equal(Quality.Bad, sample.Quality);
            Assert.Equal(PointValue.None, sample.Value);
        }
    }

    [Fact]
    public async Task CrcError_ChineseTextForTechnician()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            await using var bench = StartBench(chip => chip.CorruptFrames = 1);

            var fault = await bench.Sink.WaitForEventAsync("co2-301", DeviceEventTypes.Fault);

            Assert.Contains("CRC 校验错误", fault.Attributes!["reason"], StringComparison.Ordinal);
            Assert.Contains("/dev/i2c-1 地址 0x62", fault.Attributes["reason"], StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task CrcError_ReopensAndRecovers()
    {
        await using var bench = StartBench(chip => chip.CorruptFrames = 1);
        await bench.Sink.WaitForEventAsync("co2-301", DeviceEventTypes.Fault);

        await bench.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => bench.Sink.SamplesOf("co2-301.co2").Any(s => s.Quality == Quality.Good), "a good sample after the CRC error");

        Assert.Equal(2, bench.Opens);
        Assert.Equal([Start, DataReady, ReadMeasurement, Stop, Start, DataReady, ReadMeasurement], bench.Chip!.Commands);
        Assert.Contains(bench.Logger.Entries, e => e.Id.Id == 2214);
    }

    [Fact]
    public async Task NoAnswer_OneFaultWhileFailingThenRecovers()
    {
        await using var bench = StartBench();
        await bench.Sink.WaitForSamplesAsync("co2-301.co2", 1);

        bench.Chip!.Unplugged = true;
        await bench.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => bench.Logger.Entries.Count(e => e.Id.Id == 2214) >= 3, "three failed reads");
        bench.Chip.Unplugged = false;
        await bench.AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => bench.Sink.SamplesOf("co2-301.co2").Count(s => s.Quality == Quality.Good) == 2, "a good sample after the chip answers again");

        var fault = Assert.Single(bench.Sink.Events);
        Assert.Contains("does not respond on /dev/i2c-1 at address 0x62", fault.Attributes!["reason"], StringComparison.Ordinal);
        Assert.Contains("i2cdetect -y 1", fault.Attributes["reason"], StringComparison.Ordinal);
        Assert.Equal(Quality.Bad, bench.Sink.SamplesOf("co2-301.co2")[1].Quality);
    }

    [Fact]
    public async Task StillMeasuring_StoppedThenStarted()
    {
        await using var bench = StartBench(chip => chip.Measuring = true);

        await bench.AdvanceUntilAsync(TimeSpan.FromMilliseconds(100), () => bench.Sink.SamplesOf("co2-301.co2").Count == 1, "a measurement after the restart");

        Assert.Equal([Start, Stop, Start, DataReady, ReadMeasurement], bench.Chip!.Commands);
        Assert.Empty(bench.Sink.Events);
    }

    [Fact]
    public void PointsOfScd4x()
    {
        Assert.Equal(["co2", "temperature", "humidity"], I2cSensorDevice.PointsOf(I2cSensorModel.Scd4x));
    }

    [Fact]
    public void SensirionCrc_DatasheetExample()
    {
        // Both Sensirion datasheets give CRC(0xBEEF) = 0x92.
        Assert.Equal(0x92, SensirionCrc.Compute([0xBE, 0xEF]));
        Assert.Equal(0x92, SensirionCrcReference.Compute([0xBE, 0xEF]));
    }

    private static I2cBench<FakeScd4x> StartBench(Action<FakeScd4x>? setUp = null) =>
        I2cBench<FakeScd4x>.Start(
            new I2cSensorOptions { DeviceId = "co2-301", BusId = 1, Address = 0x62, Model = I2cSensorModel.Scd4x, PollInterval = Period, RetryDelay = TimeSpan.FromSeconds(5) },
            settings => new FakeScd4x(settings),
            setUp);
}
