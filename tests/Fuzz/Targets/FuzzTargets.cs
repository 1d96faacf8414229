namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// The registry of fuzz targets, in the order the docs list them. Targets are made by factories because code
/// instrumented by SharpFuzz may run only inside the fuzzing loop, where the coverage map exists.
/// </summary>
public static class FuzzTargets
{
    private static readonly (string Name, Func<IFuzzTarget> Create)[] Factories =
    [
        ("modbus-tcp", () => new ModbusTcpTarget()),
        ("modbus-rtu", () => new ModbusRtuTarget()),
        ("mqtt-sensor", () => new MqttSensorTarget()),
        ("board-message", () => new BoardMessageTarget()),
        ("gate-message", () => new GateMessageTarget()),
        ("downlink-command", () => new DownlinkTarget()),
        ("site-configuration", () => new SiteConfigurationTarget()),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Factories.Select(factory => factory.Name)];

    /// <summary>Makes the target called <paramref name="name"/>, or returns null for an unknown name.</summary>
    public static IFuzzTarget? Create(string name) =>
        Factories.FirstOrDefault(factory => string.Equals(factory.Name, name, StringComparison.Ordinal)).Create?.Invoke();
}
