namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>What one entry of the devices section declares, recorded even when the entry has problems.</summary>
internal sealed class DeviceEntry(string id, string path)
{
    private readonly Dictionary<string, PointSignal> points = new(StringComparer.Ordinal);
    private readonly HashSet<string> modbusOutputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModbusOutputShape> modbusOutputShapes = new(StringComparer.Ordinal);
    private readonly HashSet<string> escapeLocks = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    /// <summary>Key path of the entry, for example devices[2].</summary>
    public string Path { get; } = path;

    /// <summary>Null when the kind is missing or invalid; then its points are unknown.</summary>
    public DeviceKind? Kind { get; set; }

    /// <summary>For gpio devices: whether the driver is simulated; null when unknown.</summary>
    public bool? IsSimulated { get; set; }

    /// <summary>For class boards: building, floor and room as written, each null when absent.</summary>
    public (string? Building, string? Floor, string? Room) Location { get; set; }

    public IEnumerable<string> PointIds => points.Keys;

    public void AddPoint(string pointId, PointSignal signal) => points.TryAdd(pointId, signal);

    public bool TryGetPoint(string pointId, out PointSignal signal) => points.TryGetValue(pointId, out signal);

    /// <summary>Records a numeric coil or holding-register point, which a setOutput action may drive with 1 and 0.</summary>
    public void AddModbusOutput(string pointId) => modbusOutputs.Add(pointId);

    public bool IsModbusOutput(string pointId) => modbusOutputs.Contains(pointId);

    /// <summary>Records a coil or holding-register point with its encoding, which a setOutput value is checked against.</summary>
    public void AddModbusOutput(string pointId, ModbusOutputShape shape)
    {
        modbusOutputs.Add(pointId);
        modbusOutputShapes.TryAdd(pointId, shape);
    }

    public bool TryGetModbusOutputShape(string pointId, out ModbusOutputShape shape) =>
        modbusOutputShapes.TryGetValue(pointId, out shape!);

    /// <summary>Records an output marked <c>escapeLock: true</c>, which no setOutput may leave locked when the rule engine stops.</summary>
    public void AddEscapeLock(string pointId) => escapeLocks.Add(pointId);

    public bool IsEscapeLock(string pointId) => escapeLocks.Contains(pointId);
}
