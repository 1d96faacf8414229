using Iot.Device.Sht3x;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>An SHT3x read through the Iot.Device.Bindings driver, one single-shot measurement per read.</summary>
internal sealed class Sht3xChip : II2cSensorChip
{
    private readonly Sht3xFrameCheck _frames;
    private readonly Sht3x _sensor;

    public Sht3xChip(System.Device.I2c.I2cDevice bus)
    {
        _frames = new Sht3xFrameCheck(bus);
        _sensor = new Sht3x(_frames, Resolution.High);
    }

    public TimeSpan MinimumInterval => TimeSpan.Zero;

    public IReadOnlyList<I2cSensorReading>? Read()
    {
        // Each property starts one measurement, so the frame check is read right after each.
        var temperature = _sensor.Temperature.DegreesCelsius;
        var temperatureValid = _frames.LastFrameValid;
        var humidity = _sensor.Humidity.Percent;
        var humidityValid = _frames.LastFrameValid;

        // SHT3x datasheet measuring range: −45 to 130 °C, 0 to 100 %RH.
        return
        [
            new I2cSensorReading(I2cSensorDevice.TemperaturePoint, temperatureValid ? temperature : double.NaN, -45, 130),
            new I2cSensorReading(I2cSensorDevice.HumidityPoint, humidityValid ? humidity : double.NaN, 0, 100),
        ];
    }

    public void Dispose()
    {
        _sensor.Dispose();
        _frames.Dispose();
    }
}
