namespace SmartCampus.Edge.TestPeers;

/// <summary>Start-up settings of a <see cref="PymodbusServer"/>: port, unit id and the initial register map.</summary>
public sealed class PymodbusServerOptions
{
    /// <summary>TCP port on 127.0.0.1. 0 lets the server pick a free one (read it from <see cref="PymodbusServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>The only unit id the server responds to. Requests for other ids get no reply at all.</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>Holding registers by address. Addresses not listed do not exist: reading them gives exception 02.</summary>
    public IReadOnlyDictionary<ushort, ushort> HoldingRegisters { get; init; } = new Dictionary<ushort, ushort>();

    /// <summary>Input registers by address. Addresses not listed do not exist: reading them gives exception 02.</summary>
    public IReadOnlyDictionary<ushort, ushort> InputRegisters { get; init; } = new Dictionary<ushort, ushort>();

    /// <summary>
    /// Device identification objects (FC43/14) by object id: 0 vendor name, 1 product code, 2 revision, 3..6 regular,
    /// 0x80..0xFF private. Empty objects are left out of replies, as pymodbus 3.0 does.
    /// </summary>
    public IReadOnlyDictionary<byte, string> Identity { get; init; } = new Dictionary<byte, string>();

    /// <summary>How long the server may take to start listening. Default 15 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
