using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

public class ModbusRequestTests
{
    [Fact]
    public void ReadHolding_Pdu()
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 4000, 2);

        Assert.Equal(ScriptedStream.Hex("03 0F A0 00 02"), request.Pdu);
    }

    [Fact]
    public void ReadInput_Pdu()
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, 0x0102, 125);

        Assert.Equal(ScriptedStream.Hex("04 01 02 00 7D"), request.Pdu);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public void Read_QuantityOutsideLimitThrows(int quantity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0, (ushort)quantity));
    }

    [Fact]
    public void Read_PastLastAddressThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 65535, 2));
    }

    [Fact]
    public void Read_WriteFunctionThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ModbusRequest.ReadRegisters(ModbusFunctionCode.WriteSingleRegister, 0, 1));
    }

    [Fact]
    public void WriteSingle_Pdu()
    {
        var request = ModbusRequest.WriteSingleRegister(1, 0x0384);

        Assert.Equal(ScriptedStream.Hex("06 00 01 03 84"), request.Pdu);
    }

    [Fact]
    public void WriteMultiple_Pdu()
    {
        var request = ModbusRequest.WriteMultipleRegisters(2, [0x2000, 0x47F1]);

        Assert.Equal(ScriptedStream.Hex("10 00 02 00 02 04 20 00 47 F1"), request.Pdu);
        Assert.Equal(2, request.Quantity);
    }

    [Fact]
    public void WriteMultiple_MoreThan123Throws()
    {
        var values = new ushort[124];

        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleRegisters(0, values));
    }

    [Fact]
    public void WriteMultiple_123Allowed()
    {
        var request = ModbusRequest.WriteMultipleRegisters(0, new ushort[123]);

        Assert.Equal(6 + 246, request.Pdu.Length);
    }
}
