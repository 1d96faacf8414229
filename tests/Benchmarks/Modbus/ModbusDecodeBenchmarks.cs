using BenchmarkDotNet.Attributes;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>Allocation and time of the per-poll CPU path: CRC of a reply, decoding a block, and planning (done once at start).</summary>
[MemoryDiagnoser]
public class ModbusDecodeBenchmarks
{
    private readonly ushort[] _registers = Enumerable.Range(0, 120).Select(i => (ushort)(i * 257)).ToArray();
    private readonly byte[] _reply = ModbusRtuBus.BuildAdu(1, [3, 20, .. Enumerable.Range(0, 20).Select(i => (byte)i)]);
    private readonly List<ModbusPointOptions> _points = Enumerable.Range(0, 40)
        .Select(i => new ModbusPointOptions { Name = $"p{i}", Address = (ushort)(3 * i), Type = i % 2 == 0 ? ModbusDataType.Float32 : ModbusDataType.UInt16, Order = ModbusWordOrder.CDAB })
        .ToList();

    /// <summary>Decodes 40 points (float32 CDAB and uint16) from one 120-register reply, as one poll of a meter does.</summary>
    [Benchmark]
    public double Decode40Points()
    {
        var sum = 0.0;
        foreach (var point in _points)
        {
            sum += ModbusValueCodec.DecodeScaled(_registers.AsSpan(point.Address, point.RegisterCount), point.Type, point.Order, 0.1, 0);
        }

        return sum;
    }

    [Benchmark]
    public bool CrcOfReply() => ModbusCrc.IsValid(_reply);

    [Benchmark]
    public int Plan40Points() => ModbusReadPlanner.Plan(_points, 125).Count;
}
