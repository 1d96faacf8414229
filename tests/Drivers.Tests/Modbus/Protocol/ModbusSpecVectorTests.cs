using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

/// <summary>
/// Request and reply PDUs of every function the driver sends, taken from the examples of Modbus Application Protocol
/// v1.1b3 §6.1 to §6.12 (FC23 has its own tests), and the quantity limits of each function.
/// </summary>
public sealed class ModbusSpecVectorTests
{
    private const string Device = "spec";

    [Fact]
    public void ReadCoils_SpecExample()
    {
        // §6.1: coils 20 to 38 (address 19, 19 coils); the last byte carries 3 coils, padded with zeros.
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, 0x13, 0x13);

        var coils = ModbusReplyParser.ParseReadBits(ScriptedStream.Hex("01 03 CD 6B 05"), request, Device, 1);

        Assert.Equal(ScriptedStream.Hex("01 00 13 00 13"), request.Pdu);
        Assert.Equal(Bits("10110011" + "11010110" + "101"), coils);
    }

    [Fact]
    public void ReadDiscreteInputs_SpecExample()
    {
        // §6.2: inputs 197 to 218 (address 196, 22 inputs).
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, 0xC4, 0x16);

        var inputs = ModbusReplyParser.ParseReadBits(ScriptedStream.Hex("02 03 AC DB 35"), request, Device, 1);

        Assert.Equal(ScriptedStream.Hex("02 00 C4 00 16"), request.Pdu);
        Assert.Equal(Bits("00110101" + "11011011" + "101011"), inputs);
    }

    [Fact]
    public void ReadHolding_SpecExample()
    {
        // §6.3: registers 108 to 110 (address 107).
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0x6B, 3);

        var registers = ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("03 06 02 2B 00 00 00 64"), request, Device, 1);

        Assert.Equal(ScriptedStream.Hex("03 00 6B 00 03"), request.Pdu);
        Assert.Equal([(ushort)555, (ushort)0, (ushort)100], registers);
    }

    [Fact]
    public void ReadInput_SpecExample()
    {
        // §6.4: input register 9 (address 8).
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, 8, 1);

        var registers = ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("04 02 00 0A"), request, Device, 1);

        Assert.Equal(ScriptedStream.Hex("04 00 08 00 01"), request.Pdu);
        Assert.Equal([(ushort)10], registers);
    }

    [Theory]
    [InlineData(true, "05 00 AC FF 00")] // §6.5: coil 173 on
    [InlineData(false, "05 00 AC 00 00")]
    public void WriteSingleCoil_SpecExample(bool on, string pdu)
    {
        var request = ModbusRequest.WriteSingleCoil(0xAC, on);

        Assert.Equal(ScriptedStream.Hex(pdu), request.Pdu);
        ModbusReplyParser.ParseWrite(ScriptedStream.Hex(pdu), request, Device, 1);
    }

    [Fact]
    public void WriteSingleCoil_WrongStateEchoIsError()
    {
        var request = ModbusRequest.WriteSingleCoil(0xAC, true);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseWrite(ScriptedStream.Hex("05 00 AC 00 00"), request, Device, 1));

        Assert.Equal(ModbusProtocolError.WriteEchoMismatch, exception.Error);
    }

    [Fact]
    public void WriteSingleRegister_SpecExample()
    {
        // §6.6: register 2 (address 1) set to 3.
        var request = ModbusRequest.WriteSingleRegister(1, 3);

        Assert.Equal(ScriptedStream.Hex("06 00 01 00 03"), request.Pdu);
        ModbusReplyParser.ParseWrite(ScriptedStream.Hex("06 00 01 00 03"), request, Device, 1);
    }

    [Fact]
    public void WriteMultipleCoils_SpecExample()
    {
        // §6.11: 10 coils from coil 20 (address 19): CD 01 is 1011 0011 then 10.
        var request = ModbusRequest.WriteMultipleCoils(0x13, Bits("10110011" + "10"));

        Assert.Equal(ScriptedStream.Hex("0F 00 13 00 0A 02 CD 01"), request.Pdu);
        ModbusReplyParser.ParseWrite(ScriptedStream.Hex("0F 00 13 00 0A"), request, Device, 1);
    }

    [Fact]
    public void WriteMultipleRegisters_SpecExample()
    {
        // §6.12: registers 2 and 3 (address 1) set to 0x000A and 0x0102.
        var request = ModbusRequest.WriteMultipleRegisters(1, [0x000A, 0x0102]);

        Assert.Equal(ScriptedStream.Hex("10 00 01 00 02 04 00 0A 01 02"), request.Pdu);
        ModbusReplyParser.ParseWrite(ScriptedStream.Hex("10 00 01 00 02"), request, Device, 1);
    }

    [Fact]
    public void ReadDeviceIdentification_Request()
    {
        // §6.21: MEI type 14, basic stream access from object 0.
        var request = ModbusRequest.ReadDeviceIdentification(ModbusDeviceIdReadCode.Basic, 0);

        Assert.Equal(ScriptedStream.Hex("2B 0E 01 00"), request.Pdu);
    }

    [Theory]
    [InlineData(ModbusFunctionCode.ReadCoils)]
    [InlineData(ModbusFunctionCode.ReadDiscreteInputs)]
    public void ReadBits_2000Allowed2001Rejected(ModbusFunctionCode function)
    {
        Assert.Equal(ScriptedStream.Hex("00 00 07 D0"), ModbusRequest.ReadBits(function, 0, 2000).Pdu[1..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadBits(function, 0, 2001));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadBits(function, 0, 0));
    }

    [Theory]
    [InlineData(ModbusFunctionCode.ReadHoldingRegisters)]
    [InlineData(ModbusFunctionCode.ReadInputRegisters)]
    public void ReadRegisters_125Allowed129Rejected(ModbusFunctionCode function)
    {
        Assert.Equal(125, ModbusRequest.ReadRegisters(function, 0, 125).Quantity);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadRegisters(function, 0, 129));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadRegisters(function, 0, 192));
    }

    [Fact]
    public void WriteMultipleCoils_1968Allowed1969Rejected()
    {
        var request = ModbusRequest.WriteMultipleCoils(0, new bool[1968]);

        Assert.Equal(6 + 246, request.Pdu.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleCoils(0, new bool[1969]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleCoils(0, []));
    }

    [Fact]
    public void ReadBits_ByteCountMismatchIsError()
    {
        // 19 coils need 3 bytes; a reply with 2 is a device error, not 16 coils of data.
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, 0x13, 0x13);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadBits(ScriptedStream.Hex("01 02 CD 6B"), request, Device, 1));

        Assert.Equal(ModbusProtocolError.ByteCountMismatch, exception.Error);
    }

    [Fact]
    public void ReadBits_ExceptionResponse()
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, 0xC4, 0x16);

        var exception = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusReplyParser.ParseReadBits(ScriptedStream.Hex("82 02"), request, Device, 1));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Equal(ModbusFunctionCode.ReadDiscreteInputs, exception.Function);
    }

    /// <summary>Bits in wire order, first coil first, from a string of 0 and 1.</summary>
    private static bool[] Bits(string ones) => [.. ones.Select(digit => digit == '1')];
}
