using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

public class ModbusReplyParserTests
{
    private const string Device = "bldgA-2F-201-air";

    private static readonly ModbusRequest ReadTwo = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 4000, 2);

    [Fact]
    public void ReadRegisters_Values()
    {
        var registers = ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("03 04 03 84 FF C9"), ReadTwo, Device, 2);

        Assert.Equal([(ushort)0x0384, (ushort)0xFFC9], registers);
    }

    [Fact]
    public void ReadRegisters_ExceptionResponse()
    {
        var exception = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("83 02"), ReadTwo, Device, 2));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, exception.Function);
        Assert.Equal(4000, exception.Address);
        Assert.Equal(2, exception.UnitId);
        Assert.Equal(Device, exception.DeviceId);
    }

    [Theory]
    [InlineData("03 02 03 84")] // one register's bytes for a request of two
    [InlineData("03 06 03 84 FF C9 00 00")] // three registers' bytes
    public void ReadRegisters_ByteCountMismatchIsError(string reply)
    {
        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex(reply), ReadTwo, Device, 2));

        Assert.Equal(ModbusProtocolError.ByteCountMismatch, exception.Error);
    }

    [Theory]
    [InlineData("03 04 03 84 FF")] // byte count 4, but 3 bytes follow
    [InlineData("03 04 03 84 FF C9 00")] // one byte too many
    [InlineData("03")]
    [InlineData("83")]
    [InlineData("83 02 00")]
    [InlineData("")]
    public void ReadRegisters_WrongLengthIsError(string reply)
    {
        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex(reply), ReadTwo, Device, 2));

        Assert.Equal(ModbusProtocolError.MalformedPdu, exception.Error);
    }

    [Theory]
    [InlineData("04 04 03 84 FF C9")]
    [InlineData("84 02")]
    public void ReadRegisters_OtherFunctionIsError(string reply)
    {
        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex(reply), ReadTwo, Device, 2));

        Assert.Equal(ModbusProtocolError.UnexpectedFunction, exception.Error);
    }

    [Fact]
    public void ByteCountMismatch_MessageNamesCounts()
    {
        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseReadRegisters(ScriptedStream.Hex("03 02 03 84"), ReadTwo, Device, 2));

        var message = exception.GetMessage(CultureInfo.InvariantCulture);

        Assert.Equal(
            "Device bldgA-2F-201-air (unit 2) sent an invalid reply to function 3 at address 4000: byte count 2, but 2 registers need 4.",
            message);
    }

    [Fact]
    public void WriteSingle_EchoAccepted()
    {
        var request = ModbusRequest.WriteSingleRegister(1, 0x0384);

        ModbusReplyParser.ParseWrite(ScriptedStream.Hex("06 00 01 03 84"), request, Device, 1);
    }

    [Theory]
    [InlineData("06 00 02 03 84")]
    [InlineData("06 00 01 03 85")]
    public void WriteSingle_WrongEchoIsError(string reply)
    {
        var request = ModbusRequest.WriteSingleRegister(1, 0x0384);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseWrite(ScriptedStream.Hex(reply), request, Device, 1));

        Assert.Equal(ModbusProtocolError.WriteEchoMismatch, exception.Error);
    }

    [Fact]
    public void WriteMultiple_EchoAccepted()
    {
        var request = ModbusRequest.WriteMultipleRegisters(2, [0x2000, 0x47F1]);

        ModbusReplyParser.ParseWrite(ScriptedStream.Hex("10 00 02 00 02"), request, Device, 1);
    }

    [Fact]
    public void WriteMultiple_WrongQuantityIsError()
    {
        var request = ModbusRequest.WriteMultipleRegisters(2, [0x2000, 0x47F1]);

        var exception = Assert.Throws<ModbusProtocolException>(
            () => ModbusReplyParser.ParseWrite(ScriptedStream.Hex("10 00 02 00 01"), request, Device, 1));

        Assert.Equal(ModbusProtocolError.WriteEchoMismatch, exception.Error);
    }

    [Fact]
    public void WriteMultiple_ExceptionResponse()
    {
        var request = ModbusRequest.WriteMultipleRegisters(2, [0x2000, 0x47F1]);

        var exception = Assert.Throws<ModbusExceptionResponseException>(
            () => ModbusReplyParser.ParseWrite(ScriptedStream.Hex("90 04"), request, Device, 1));

        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, exception.Code);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, exception.Function);
    }
}
