using System.Device.I2c;
using Iot.Device.Sht3x;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>An SHT3x read through the Iot.Device.Bindings driver, one single-shot measurement per read.</summary>
internal sealed class Sht3xChip : II2cSensorChip
{
    private readonly Sht3xFrameCheck _frames;
    private readonly Sht3x _sensor;
    private readonly string _deviceId;

    /// <summary>Opens the chip; the binding sends a soft reset, so a chip that does not respond fails here.</summary>
    public Sht3xChip(I2cDevice bus, string deviceId)
    {
        _deviceId = deviceId;
        _frames = new Sht3xFrameCheck(bus);
        try
        {
            _sensor = new Sht3x(_frames, Resolution.High);
        }
        catch (IOException exception)
        {
            throw I2cChipFault.NotAnswering(bus, deviceId, exception);
        }
    }

    public TimeSpan MinimumInterval => TimeSpan.Zero;

    public IReadOnlyList<I2cSensorReading>? Read()
    {
        double temperature, humidity;
        bool temperatureValid, humidityValid;
        try
        {
            // Each property starts one measurement, so the frame check is read right after each.
            temperature = _sensor.Temperature.DegreesCelsius;
            temperatureValid = _frames.LastFrameValid;
            humidity = _sensor.Humidity.Percent;
            humidityValid = _frames.LastFrameValid;
        }
        catch (IOException exception)
        {
            throw I2cChipFault.NotAnswering(_frames, _deviceId, exception);
        }

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
