using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A serial line's bytes after a request: the first input byte picks which of eight requests went out (so echo,
/// foreign-frame and every reply shape are reached), the rest is what the line delivered. Replies are cut until the
/// line ends, and each PDU is checked against the request as the RTU client does.
/// </summary>
public sealed class ModbusRtuTarget : IFuzzTarget
{
    private const byte UnitId = 1;

    private static readonly ModbusRequest[] Requests =
    [
        ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, 0, 10),
        ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, 0, 3),
        ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0, 4),
        ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, 8, 1),
        ModbusRequest.WriteSingleCoil(2, true),
        ModbusRequest.WriteSingleRegister(1, 0x1234),
        ModbusRequest.WriteMultipleCoils(0, [true, false, true]),
        ModbusRequest.WriteMultipleRegisters(0, [1, 2]),
    ];

    public string Name => "modbus-rtu";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var request = Requests[data[0] % Requests.Length];
        var adu = Adu(request);
        using var stream = new ChunkedStream(data[1..].ToArray());
        var reader = new RtuFrameReader(stream, TimeProvider.System, NullLogger.Instance, "fuzz");
        try
        {
            while (true)
            {
                var pdu = reader.ReadReplyAsync(adu, TimeSpan.FromSeconds(5), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Check(pdu, request);
            }
        }
        catch (EndOfStreamException)
        {
            // Documented: the line or tunnel closed.
        }
    }

    private static byte[] Adu(ModbusRequest request)
    {
        var adu = new byte[request.Pdu.Length + 3];
        adu[0] = UnitId;
        request.Pdu.CopyTo(adu, 1);
        ModbusCrc.Write(adu.AsSpan(0, adu.Length - 2), adu.AsSpan(adu.Length - 2));
        return adu;
    }

    private static void Check(byte[] pdu, ModbusRequest request)
    {
        try
        {
            switch (request.Function)
            {
                case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs:
                    ModbusReplyParser.ParseReadBits(pdu, request, "fuzz", UnitId);
                    break;
                case ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                    ModbusReplyParser.ParseReadRegisters(pdu, request, "fuzz", UnitId);
                    break;
                default:
                    ModbusReplyParser.ParseWrite(pdu, request, "fuzz", UnitId);
                    break;
            }
        }
        catch (ModbusException)
        {
            // Documented: an exception reply or a reply that does not match its request.
        }
    }
}
