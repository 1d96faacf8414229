namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>An opened sensor chip; disposing it ends its measurement mode and closes the bus.</summary>
internal interface II2cSensorChip : IDisposable
{
    /// <summary>Shortest time between two reads that gives a new measurement.</summary>
    TimeSpan MinimumInterval { get; }

    /// <summary>Reads one measurement; null when the chip has none ready yet. A transfer failure throws <see cref="IOException"/>.</summary>
    IReadOnlyList<I2cSensorReading>? Read();
}
