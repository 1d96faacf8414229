using System.Buffers.Binary;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Simulation;

/// <summary>Server side of FC3, FC4, FC6 and FC16 (Modbus Application Protocol v1.1b3 §6) over two register banks.</summary>
internal static class ModbusSimulatorProcessor
{
    /// <summary>Returns the reply PDU for a request PDU: the normal response or an exception response.</summary>
    public static byte[] Process(ReadOnlySpan<byte> request, ModbusRegisterBank holding, ModbusRegisterBank input)
    {
        var function = request[0];
        return (ModbusFunctionCode)function switch
        {
            ModbusFunctionCode.ReadHoldingRegisters => ReadRegisters(request, holding),
            ModbusFunctionCode.ReadInputRegisters => ReadRegisters(request, input),
            ModbusFunctionCode.WriteSingleRegister => WriteSingleRegister(request, holding),
            ModbusFunctionCode.WriteMultipleRegisters => WriteMultipleRegisters(request, holding),
            _ => Exception(function, ModbusExceptionCode.IllegalFunction),
        };
    }

    private static byte[] ReadRegisters(ReadOnlySpan<byte> request, ModbusRegisterBank bank)
    {
        if (request.Length != 5)
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var quantity = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        if (quantity is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataValue);
        }

        if (!bank.Contains(address, quantity))
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        var values = bank.Read(address, quantity);
        var reply = new byte[2 + (2 * quantity)];
        reply[0] = request[0];
        reply[1] = (byte)(2 * quantity);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2 + (2 * i)), values[i]);
        }

        return reply;
    }

    private static byte[] WriteSingleRegister(ReadOnlySpan<byte> request, ModbusRegisterBank holding)
    {
        if (request.Length != 5)
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        if (!holding.Contains(address, 1))
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        holding.Write(address, [BinaryPrimitives.ReadUInt16BigEndian(request[3..])]);
        return request.ToArray();
    }

    private static byte[] WriteMultipleRegisters(ReadOnlySpan<byte> request, ModbusRegisterBank holding)
    {
        if (request.Length < 6)
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataValue);
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var quantity = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        var byteCount = request[5];
        if (quantity is < 1 or > ModbusLimits.MaxWriteRegisters || byteCount != 2 * quantity || request.Length != 6 + byteCount)
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataValue);
        }

        if (!holding.Contains(address, quantity))
        {
            return Exception(request[0], ModbusExceptionCode.IllegalDataAddress);
        }

        var values = new ushort[quantity];
        for (var i = 0; i < quantity; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt16BigEndian(request[(6 + (2 * i))..]);
        }

        holding.Write(address, values);
        return request[..5].ToArray();
    }

    private static byte[] Exception(byte function, ModbusExceptionCode code) => [(byte)(function | 0x80), (byte)code];
}
