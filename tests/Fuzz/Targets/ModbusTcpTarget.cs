using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A Modbus TCP device's byte stream: MBAP frames are cut until the stream ends, and each PDU is checked as the
/// reply to an FC3 read of 4 registers, an FC1 read of 10 coils and an FC6 write, as the TCP client does.
/// </summary>
public sealed class ModbusTcpTarget : IFuzzTarget
{
    private static readonly ModbusRequest ReadRegisters = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0, 4);
    private static readonly ModbusRequest ReadCoils = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, 0, 10);
    private static readonly ModbusRequest WriteRegister = ModbusRequest.WriteSingleRegister(1, 0x1234);

    public string Name => "modbus-tcp";

    public void Run(ReadOnlySpan<byte> data)
    {
        using var stream = new ChunkedStream(data.ToArray());
        var reader = new MbapFrameReader(stream);
        try
        {
            while (true)
            {
                var frame = reader.ReadFrameAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Check(() => ModbusReplyParser.ParseReadRegisters(frame.Pdu, ReadRegisters, "fuzz", frame.UnitId));
                Check(() => ModbusReplyParser.ParseReadBits(frame.Pdu, ReadCoils, "fuzz", frame.UnitId));
                Check(() => ModbusReplyParser.ParseWrite(frame.Pdu, WriteRegister, "fuzz", frame.UnitId));
            }
        }
        catch (MbapFramingException)
        {
            // Documented: bad protocol id or length.
        }
        catch (EndOfStreamException)
        {
            // Documented: the device closed the connection.
        }
    }

    private static void Check(Action parse)
    {
        try
        {
            parse();
        }
        catch (ModbusException)
        {
            // Documented: an exception reply or a reply that does not match its request.
        }
    }
}
