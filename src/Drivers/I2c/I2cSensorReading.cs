namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>One measured value of a chip with the range its datasheet specifies; NaN marks a value that failed its check.</summary>
internal readonly record struct I2cSensorReading(string Point, double Value, double Minimum, double Maximum);
