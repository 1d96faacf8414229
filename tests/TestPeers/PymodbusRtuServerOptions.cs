namespace SmartCampus.Edge.TestPeers;

/// <summary>Start-up settings of a <see cref="PymodbusRtuServer"/>: where it responds, its unit ids and registers.</summary>
public sealed class PymodbusRtuServerOptions
{
    /// <summary>Serial device to respond on, such as <see cref="SocatPair.PathA"/>. Null to listen for RTU over TCP instead.</summary>
    public string? SerialPath { get; init; }

    public int BaudRate { get; init; } = 9600;

    /// <summary>Unit ids served, each with its own copy of the registers. Other ids get no reply.</summary>
    public IReadOnlyList<byte> UnitIds { get; init; } = [1];

    /// <summary>Holding registers by address. Addresses not listed do not exist: reading them gives exception 02.</summary>
    public IReadOnlyDictionary<ushort, ushort> HoldingRegisters { get; init; } = new Dictionary<ushort, ushort>();

    public IReadOnlyDictionary<ushort, ushort> InputRegisters { get; init; } = new Dictionary<ushort, ushort>();

    /// <summary>Coils by address; addresses not listed do not exist.</summary>
    public IReadOnlyDictionary<ushort, bool> Coils { get; init; } = new Dictionary<ushort, bool>();

    /// <summary>Discrete inputs by address; addresses not listed do not exist.</summary>
    public IReadOnlyDictionary<ushort, bool> DiscreteInputs { get; init; } = new Dictionary<ushort, bool>();

    /// <summary>
    /// Device identification objects (FC43/14) by object id: 0 vendor name, 1 product code, 2 revision, 3..6 regular,
    /// 0x80..0xFF private. Empty objects are left out of replies, as pymodbus 3.0 does. pymodbus keeps one
    /// identification per process, so every unit id returns the same objects.
    /// </summary>
    public IReadOnlyDictionary<byte, string> Identity { get; init; } = new Dictionary<byte, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
