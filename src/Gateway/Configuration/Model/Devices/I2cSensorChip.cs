namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Sensor chips an i2c-sensor device can be (the model key).</summary>
public enum I2cSensorChip
{
    /// <summary>Sensirion SHT3x; points temperature (°C) and humidity (%RH).</summary>
    Sht3x,

    /// <summary>Sensirion SCD40/SCD41; points co2 (ppm), temperature (°C) and humidity (%RH), read at most every 5 s.</summary>
    Scd4x,
}
