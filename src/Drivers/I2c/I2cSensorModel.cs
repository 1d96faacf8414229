namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>Sensor chips the gateway reads over I2C through Iot.Device.Bindings 4.2 or their own commands.</summary>
public enum I2cSensorModel
{
    /// <summary>Sensirion SHT3x temperature and humidity sensor (SHT30/31/35), address 0x44 or 0x45.</summary>
    Sht3x,

    /// <summary>Sensirion SCD40/SCD41 CO2, temperature and humidity sensor, address 0x62.</summary>
    Scd4x,
}
