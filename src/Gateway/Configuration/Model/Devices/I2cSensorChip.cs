namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Sensor chips an i2c-sensor device can be (the model key).</summary>
public enum I2cSensorChip
{
    /// <summary>Sensirion SHT3x; points temperature (°C) and humidity (%RH).</summary>
    Sht3x,
}
