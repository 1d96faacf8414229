using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

/// <summary>FC23 Read/Write Multiple registers (Modbus Application Protocol v1.1b3 §6.17): request, reply and limits.</summary>
public sealed class ModbusReadWriteTests
{
    private const string Device = "bldgA-plant-chiller";

    /// <summary>The specification's example: read 6 registers at 3, write 3 registers at 14.</summary>
    private static readonly ModbusRequest SpecRequest = ModbusRequest.ReadWriteMultipleRegisters(3, 6, 14, [0x00FF, 0x00FF, 0x00FF]);

    [Fact]
    public void ReadWrite_Pdu()
    {
        Assert.Equal(ScriptedStream.Hex("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"), SpecRequest.Pdu);
        Assert.Equal(3, SpecRequest.Address);
        Assert.Equal(6, SpecRequest.Quantity);
        Assert.Equal(14, SpecRequest.WriteAddress);
    }

    [Fact]
    public void ReadWrite_ReplyValues()
    {
        var registers = ModbusReplyParser.ParseReadRegisters(
            ScriptedStream.Hex("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF"), SpecRequest, Device, 1);

        Assert.Equal([0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF], registers);
    }

    [Theory]
    [InlineData("17 0A 00 FE 0A CD 00 01 00 03 00 0D", ModbusProtocolError.ByteCountMismatch)] // 5 registers for 6
    [InlineData("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00", ModbusProtocolError.MalformedPdu)] // one byte short
    [InlineData("03 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", ModbusProtocolError.UnexpectedFunction)]
    [InlineData("97 04 00", ModbusProtocolError.MalformedPdu)]
    public void ReadWrite_BadReplyIsError(string reply, ModbusProtocolError error)
    {
        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex(reply), SpecRequest, Device, 1));

        Assert.Equal(error, exception.Error);
    }

    [Fact]
    public void ReadWrite_ExceptionResponse()
    {
        var exception = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("97 02"), SpecRequest, Device, 1));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Equal(ModbusFunctionCode.ReadWriteMultipleRegisters, exception.Function);
        Assert.Equal(3, exception.Address);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(125, 121)]
    public void ReadWrite_LimitsAllowed(int readQuantity, int writeQuantity)
    {
        var request = ModbusRequest.ReadWriteMultipleRegisters(0, (ushort)readQuantity, 200, new ushort[writeQuantity]);

        Assert.Equal(10 + (2 * writeQuantity), request.Pdu.Length);
        Assert.Equal(2 * writeQuantity, request.Pdu[9]);
        Assert.InRange(request.Pdu.Length, 1, ModbusLimits.MaxPduLength);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(126, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 122)]
    public void ReadWrite_QuantityOutsideLimitThrows(int readQuantity, int writeQuantity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ModbusRequest.ReadWriteMultipleRegisters(0, (ushort)readQuantity, 200, new ushort[writeQuantity]));
    }

    [Theory]
    [InlineData(65535, 2, 0)]
    [InlineData(0, 1, 65535)]
    public void ReadWrite_PastLastAddressThrows(int readAddress, int readQuantity, int writeAddress)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ModbusRequest.ReadWriteMultipleRegisters((ushort)readAddress, (ushort)readQuantity, (ushort)writeAddress, [1, 2]));
    }
}
