using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Writing;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Writing;

public sealed class ModbusPointWriterTests : IDisposable
{
    private readonly CultureInfo _originalCulture = CultureInfo.CurrentUICulture;
    private readonly FakeModbusClient _client = new();
    private readonly ModbusPointWriter _writer;

    public ModbusPointWriterTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        ModbusPointOptions[] points =
        [
            new() { Name = "setpoint", Address = 20, Type = ModbusDataType.UInt16 },
            new() { Name = "offsetTemp", Address = 21, Type = ModbusDataType.Int16, Scale = 0.1, Offset = 20 },
            new() { Name = "target", Address = 30, Type = ModbusDataType.Float32, Order = ModbusWordOrder.CDAB },
            new() { Name = "energy", Address = 40, Type = ModbusDataType.Float64, Order = ModbusWordOrder.DCBA },
            new() { Name = "outdoor", Address = 0, Type = ModbusDataType.UInt16, Function = ModbusRegisterKind.Input },
            new() { Name = "leak", Address = 0, Function = ModbusRegisterKind.DiscreteInput },
            new() { Name = "alarmBit", Address = 22, Function = ModbusRegisterKind.Holding, Bit = 3 },
            new() { Name = "label", Address = 50, Type = ModbusDataType.String, Length = 3 },
            new() { Name = "tag", Address = 60, Type = ModbusDataType.String, Length = 2, Order = ModbusWordOrder.BADC },
            new() { Name = "mode", Address = 70, Type = ModbusDataType.UInt16, WriteMode = ModbusWriteMode.Multiple },
            new() { Name = "checked", Address = 80, Type = ModbusDataType.UInt16, VerifyWrite = true },
            new() { Name = "swapped", Address = 90, Type = ModbusDataType.Float32, WriteOrder = ModbusWordOrder.CDAB, VerifyWrite = true },
            new() { Name = "swappedLabel", Address = 95, Type = ModbusDataType.String, Length = 2, WriteOrder = ModbusWordOrder.BADC, VerifyWrite = true },
            new() { Name = "lamp", Address = 5, Function = ModbusRegisterKind.Coil },
            new() { Name = "longLabel", Address = 200, Type = ModbusDataType.String, Length = 124 },
            new() { Name = "relay", Address = 6, Function = ModbusRegisterKind.Coil, WriteMode = ModbusWriteMode.Multiple },
            new() { Name = "checkedLamp", Address = 7, Function = ModbusRegisterKind.Coil, VerifyWrite = true },
        ];
        _writer = new ModbusPointWriter("room", 1, _client, points, new RecordingLogger<ModbusPointWriter>());
    }

    public void Dispose() => CultureInfo.CurrentUICulture = _originalCulture;

    [Fact]
    public async Task Write_OneRegisterUsesFc6()
    {
        var result = await _writer.WriteAsync("setpoint", PointValue.FromNumber(1234), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteSingleRegister, write.Function);
        Assert.Equal(20, write.Address);
        Assert.Equal(new ushort[] { 1234 }, write.Values);
    }

    [Fact]
    public async Task Write_TwoRegistersUseFc16()
    {
        var result = await _writer.WriteAsync("target", PointValue.FromNumber(123456), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, write.Function);
        Assert.Equal(30, write.Address);
        Assert.Equal(new ushort[] { 0x2000, 0x47F1 }, write.Values);
    }

    [Fact]
    public async Task Write_Float64Dcba()
    {
        var result = await _writer.WriteAsync("energy", PointValue.FromNumber(-1234567.891), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(new ushort[] { 0x7593, 0x18E4, 0x87D6, 0x32C1 }, Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Write_ScaleAndOffsetInverted()
    {
        var result = await _writer.WriteAsync("offsetTemp", PointValue.FromNumber(14.5), CancellationToken.None);

        // (14.5 - 20) / 0.1 = -55 = 0xFFC9
        Assert.True(result.Succeeded);
        Assert.Equal(new ushort[] { 0xFFC9 }, Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Write_BooleanAsNumber()
    {
        var result = await _writer.WriteAsync("setpoint", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(new ushort[] { 1 }, Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Write_StringPaddedWithNul()
    {
        var result = await _writer.WriteAsync("label", PointValue.FromText("R201"), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, write.Function);
        Assert.Equal(50, write.Address);
        Assert.Equal([(ushort)0x5232, (ushort)0x3031, (ushort)0x0000], write.Values);
    }

    [Fact]
    public async Task Write_StringByteSwapped()
    {
        var result = await _writer.WriteAsync("tag", PointValue.FromText("ABC"), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal([(ushort)0x4241, (ushort)0x0043], Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Write_StringTooLongRejected()
    {
        var result = await _writer.WriteAsync("tag", PointValue.FromText("ABCDE"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("at most 4 characters", result.Error, StringComparison.Ordinal);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_StringNonAsciiRejected()
    {
        var result = await _writer.WriteAsync("label", PointValue.FromText("教室"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_NumberToStringRejected()
    {
        var result = await _writer.WriteAsync("label", PointValue.FromNumber(12), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("room.label", result.Error, StringComparison.Ordinal);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_UnknownPoint()
    {
        var result = await _writer.WriteAsync("nothing", PointValue.FromNumber(1), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Device room has no point named nothing.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_InputRegisterRejected()
    {
        var result = await _writer.WriteAsync("outdoor", PointValue.FromNumber(1), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Point room.outdoor is an input register and cannot be written.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_TextRejected()
    {
        var result = await _writer.WriteAsync("setpoint", PointValue.FromText("high"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Point room.setpoint takes a number, not 'high'.", result.Error);
    }

    [Fact]
    public async Task Write_OutOfRangeRejected()
    {
        var result = await _writer.WriteAsync("setpoint", PointValue.FromNumber(70000), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Value 70000 for point room.setpoint is outside 0 to 65535, the range of a uint16 register value with the point's scale and offset.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_OutOfRangeNamesScaledRange()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

        var result = await _writer.WriteAsync("offsetTemp", PointValue.FromNumber(5000), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("点位 room.offsetTemp 的值 5000 超出范围：按该点位的类型 int16 及 scale、offset 换算，可写入 -3256.8 到 3296.7。", result.Error);
    }

    [Fact]
    public async Task Write_DiscreteInputNamedAsSuch()
    {
        var result = await _writer.WriteAsync("leak", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Point room.leak is a discrete input and cannot be written.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_RegisterBitNamedAsSuch()
    {
        var result = await _writer.WriteAsync("alarmBit", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Point room.alarmBit is bit 3 of a register and cannot be written on its own; write the whole holding register instead.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Write_DeviceErrorBecomesResult()
    {
        _client.WriteFailure = new ModbusExceptionResponseException(
            "room", 1, ModbusFunctionCode.WriteSingleRegister, 20, ModbusExceptionCode.IllegalDataValue);

        var result = await _writer.WriteAsync("setpoint", PointValue.FromNumber(5), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Device room (unit 1) rejected function 6 at address 20: illegal data value (exception code 03).", result.Error);
    }

    [Fact]
    public async Task Write_ModeMultipleUsesFc16()
    {
        var result = await _writer.WriteAsync("mode", PointValue.FromNumber(3), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, write.Function);
        Assert.Equal(70, write.Address);
        Assert.Equal(new ushort[] { 3 }, write.Values);
    }

    [Theory]
    [InlineData(true, 0xFF00)]
    [InlineData(false, 0x0000)]
    public async Task Write_CoilUsesFc5(bool on, int word)
    {
        var result = await _writer.WriteAsync("lamp", PointValue.FromBoolean(on), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteSingleCoil, write.Function);
        Assert.Equal(5, write.Address);
        Assert.Equal(new[] { (ushort)word }, write.Values);
    }

    [Fact]
    public async Task Write_CoilModeMultipleUsesFc15()
    {
        var result = await _writer.WriteAsync("relay", PointValue.FromNumber(1), CancellationToken.None);

        Assert.True(result.Succeeded);
        var write = Assert.Single(_client.Writes);
        Assert.Equal(ModbusFunctionCode.WriteMultipleCoils, write.Function);
        Assert.Equal(6, write.Address);
        Assert.Equal(new ushort[] { 1 }, write.Values);
    }

    [Fact]
    public async Task Write_CoilRejectsOtherNumbers()
    {
        var result = await _writer.WriteAsync("lamp", PointValue.FromNumber(2), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Verify_ReadBackMatches()
    {
        _client.HoldingReads = (_, _) => [42];

        var result = await _writer.WriteAsync("checked", PointValue.FromNumber(42), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([((ushort)80, (ushort)1)], _client.HoldingReadRequests);
    }

    [Fact]
    public async Task Verify_ReadBackDiffersFails()
    {
        _client.HoldingReads = (_, _) => [41];

        var result = await _writer.WriteAsync("checked", PointValue.FromNumber(42), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Device room, point checked: the write was confirmed, but reading back gives 41 instead of 42.", result.Error);
        Assert.Single(_client.Writes);
    }

    [Fact]
    public async Task Verify_SkippedWithoutOption()
    {
        var result = await _writer.WriteAsync("setpoint", PointValue.FromNumber(42), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(_client.HoldingReadRequests);
    }

    [Fact]
    public async Task Write_PointOverFc16LimitFails()
    {
        var result = await _writer.WriteAsync("longLabel", PointValue.FromText("x"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("Device room, point longLabel: its 124 registers do not fit in one write, which carries at most 123 registers; the point can be read but not written.", result.Error);
        Assert.Empty(_client.Writes);
    }

    [Fact]
    public async Task Verify_CoilReadBackDiffersFails()
    {
        _client.CoilReads = (_, _) => [false];

        var result = await _writer.WriteAsync("checkedLamp", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("reading back gives off instead of on", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WriteOrderReadBackInReadOrder()
    {
        // The device takes 21.5f (0x41AC0000) low word first but returns it high word first, in its read order ABCD.
        _client.HoldingReads = (_, _) => [0x41AC, 0x0000];

        var result = await _writer.WriteAsync("swapped", PointValue.FromNumber(21.5), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ushort[] { 0x0000, 0x41AC }, Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Verify_WriteOrderRawEchoFails()
    {
        // Registers that read back as written, low word first, hold another value in the read order ABCD.
        _client.HoldingReads = (_, _) => [0x0000, 0x41AC];

        var result = await _writer.WriteAsync("swapped", PointValue.FromNumber(21.5), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("instead of 21.5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WriteOrderString()
    {
        // "AB" goes out byte-swapped (BADC) and reads back high byte first (ABCD).
        _client.HoldingReads = (_, _) => [0x4142, 0x0000];

        var result = await _writer.WriteAsync("swappedLabel", PointValue.FromText("AB"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ushort[] { 0x4241, 0x0000 }, Assert.Single(_client.Writes).Values);
    }

    [Fact]
    public async Task Write_ChineseMessage()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

        var result = await _writer.WriteAsync("outdoor", PointValue.FromNumber(1), CancellationToken.None);

        Assert.Equal("点位 room.outdoor 是输入寄存器，不能写入。", result.Error);
    }
}
