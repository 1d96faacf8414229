using System.Buffers.Binary;

namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>One request PDU with the fields a reply is checked against (Modbus Application Protocol v1.1b3 §6).</summary>
internal sealed class ModbusRequest
{
    /// <summary>MEI type 14 of FC43: Read Device Identification (§6.21).</summary>
    public const byte MeiReadDeviceIdentification = 0x0E;

    private ModbusRequest(ModbusFunctionCode function, ushort address, ushort quantity, ushort[] values, byte[] pdu, ushort writeAddress = 0)
    {
        Function = function;
        Address = address;
        Quantity = quantity;
        Values = values;
        Pdu = pdu;
        WriteAddress = writeAddress;
    }

    public ModbusFunctionCode Function { get; }

    public ushort Address { get; }

    /// <summary>Registers, coils or inputs read or written. For FC23, the registers read.</summary>
    public ushort Quantity { get; }

    /// <summary>Register values of an FC6, FC16 or FC23 write, the coil word of FC5, or empty.</summary>
    public ushort[] Values { get; }

    /// <summary>Start of the written block of FC23, whose <see cref="Address"/> is the start of the read block. 0 for other functions.</summary>
    public ushort WriteAddress { get; }

    public byte[] Pdu { get; }

    /// <summary>Builds FC3 or FC4: function, start address, quantity 1..125 (§6.3, §6.4).</summary>
    public static ModbusRequest ReadRegisters(ModbusFunctionCode function, ushort address, ushort quantity)
    {
        if (function is not (ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters))
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Expected function 3 or 4.");
        }

        return Read(function, address, quantity, ModbusLimits.MaxReadRegisters);
    }

    /// <summary>Builds FC1 or FC2: function, start address, quantity 1..2000 (§6.1, §6.2).</summary>
    public static ModbusRequest ReadBits(ModbusFunctionCode function, ushort address, ushort quantity)
    {
        if (function is not (ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs))
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Expected function 1 or 2.");
        }

        return Read(function, address, quantity, ModbusLimits.MaxReadBits);
    }

    /// <summary>Builds FC5: function, address, 0xFF00 for on or 0x0000 for off (§6.5).</summary>
    public static ModbusRequest WriteSingleCoil(ushort address, bool value)
    {
        var word = value ? (ushort)0xFF00 : (ushort)0x0000;
        return new ModbusRequest(ModbusFunctionCode.WriteSingleCoil, address, 1, [word], AddressAndWord(ModbusFunctionCode.WriteSingleCoil, address, word));
    }

    /// <summary>Builds FC15: function, start address, quantity 1..1968, byte count, coils packed LSB first (§6.11).</summary>
    public static ModbusRequest WriteMultipleCoils(ushort address, ReadOnlySpan<bool> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Length, nameof(values));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(values.Length, ModbusLimits.MaxWriteCoils, nameof(values));
        ThrowIfPastLastAddress(address, values.Length);

        var byteCount = (values.Length + 7) / 8;
        var pdu = new byte[6 + byteCount];
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleCoils;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Length);
        pdu[5] = (byte)byteCount;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                pdu[6 + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return new ModbusRequest(ModbusFunctionCode.WriteMultipleCoils, address, (ushort)values.Length, [], pdu);
    }

    /// <summary>Builds FC6: function, address, value (§6.6).</summary>
    public static ModbusRequest WriteSingleRegister(ushort address, ushort value)
    {
        return new ModbusRequest(ModbusFunctionCode.WriteSingleRegister, address, 1, [value], AddressAndWord(ModbusFunctionCode.WriteSingleRegister, address, value));
    }

    /// <summary>Builds FC16: function, start address, quantity 1..123, byte count, values (§6.12).</summary>
    public static ModbusRequest WriteMultipleRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Length, nameof(values));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(values.Length, ModbusLimits.MaxWriteRegisters, nameof(values));
        ThrowIfPastLastAddress(address, values.Length);

        var pdu = new byte[6 + (2 * values.Length)];
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Length);
        pdu[5] = (byte)(2 * values.Length);
        WriteBigEndian(values, pdu.AsSpan(6));

        return new ModbusRequest(ModbusFunctionCode.WriteMultipleRegisters, address, (ushort)values.Length, values.ToArray(), pdu);
    }

    /// <summary>
    /// Builds FC23: function, read start, read quantity 1..125, write start, write quantity 1..121, byte count (= 2 ×
    /// write quantity), values (§6.17). The device writes before it reads, and the reply carries only the read block.
    /// </summary>
    public static ModbusRequest ReadWriteMultipleRegisters(ushort readAddress, ushort readQuantity, ushort writeAddress, ReadOnlySpan<ushort> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(readQuantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readQuantity, (ushort)ModbusLimits.MaxReadWriteReadRegisters);
        ThrowIfPastLastAddress(readAddress, readQuantity);
        ArgumentOutOfRangeException.ThrowIfZero(values.Length, nameof(values));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(values.Length, ModbusLimits.MaxReadWriteWriteRegisters, nameof(values));
        ThrowIfPastLastAddress(writeAddress, values.Length);

        var pdu = new byte[10 + (2 * values.Length)];
        pdu[0] = (byte)ModbusFunctionCode.ReadWriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), readAddress);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), readQuantity);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(5), writeAddress);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(7), (ushort)values.Length);
        pdu[9] = (byte)(2 * values.Length);
        WriteBigEndian(values, pdu.AsSpan(10));

        return new ModbusRequest(ModbusFunctionCode.ReadWriteMultipleRegisters, readAddress, readQuantity, values.ToArray(), pdu, writeAddress);
    }

    /// <summary>
    /// Builds FC43 with MEI type 14, Read Device Identification: function, MEI type, read code, object id (§6.21).
    /// <see cref="Address"/> holds the object id, so error messages name it.
    /// </summary>
    public static ModbusRequest ReadDeviceIdentification(ModbusDeviceIdReadCode readCode, byte objectId)
    {
        if (!Enum.IsDefined(readCode))
        {
            throw new ArgumentOutOfRangeException(nameof(readCode), readCode, "Expected read code 1, 2, 3 or 4.");
        }

        byte[] pdu = [(byte)ModbusFunctionCode.EncapsulatedInterfaceTransport, MeiReadDeviceIdentification, (byte)readCode, objectId];
        return new ModbusRequest(ModbusFunctionCode.EncapsulatedInterfaceTransport, objectId, 0, [], pdu);
    }

    /// <summary>A read of FC1 to FC4 with its quantity limit.</summary>
    private static ModbusRequest Read(ModbusFunctionCode function, ushort address, ushort quantity, int maxQuantity)
    {
        ArgumentOutOfRangeException.ThrowIfZero(quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, maxQuantity);
        ThrowIfPastLastAddress(address, quantity);
        return new ModbusRequest(function, address, quantity, [], AddressAndWord(function, address, quantity));
    }

    /// <summary>The 5-byte PDU of FC1 to FC6: function, address, then a quantity or a value, both big-endian.</summary>
    private static byte[] AddressAndWord(ModbusFunctionCode function, ushort address, ushort word)
    {
        var pdu = new byte[5];
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), word);
        return pdu;
    }

    private static void WriteBigEndian(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], values[i]);
        }
    }

    private static void ThrowIfPastLastAddress(ushort address, int quantity)
    {
        if (address + quantity - 1 > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(quantity),
                quantity,
                $"Registers {address}..{address + quantity - 1} run past the last address 65535.");
        }
    }
}
