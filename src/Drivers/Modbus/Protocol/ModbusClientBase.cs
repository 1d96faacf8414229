namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// The function codes of <see cref="IModbusClient"/> built on one transport operation: send a request PDU to a unit
/// and return the reply PDU. Each method builds its request, lets the transport exchange it and checks the reply.
/// </summary>
public abstract class ModbusClientBase : IModbusClient
{
    private protected ModbusClientBase()
    {
    }

    /// <summary>Device name that error messages carry.</summary>
    private protected abstract string MessageDeviceId { get; }

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, address, quantity);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadRegisters(reply, request, MessageDeviceId, unitId);
    }

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, address, quantity);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadRegisters(reply, request, MessageDeviceId, unitId);
    }

    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, address, quantity);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadBits(reply, request, MessageDeviceId, unitId);
    }

    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, address, quantity);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadBits(reply, request, MessageDeviceId, unitId);
    }

    public async Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleCoil(address, value);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, MessageDeviceId, unitId);
    }

    public async Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleCoils(address, values.Span);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, MessageDeviceId, unitId);
    }

    public async Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleRegister(address, value);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, MessageDeviceId, unitId);
    }

    public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleRegisters(address, values.Span);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, MessageDeviceId, unitId);
    }

    public async Task<ushort[]> ReadWriteMultipleRegistersAsync(
        byte unitId,
        ushort readAddress,
        ushort readQuantity,
        ushort writeAddress,
        ReadOnlyMemory<ushort> values,
        CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadWriteMultipleRegisters(readAddress, readQuantity, writeAddress, values.Span);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadRegisters(reply, request, MessageDeviceId, unitId);
    }

    public async Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(
        byte unitId,
        ModbusDeviceIdReadCode readCode,
        byte objectId,
        CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadDeviceIdentification(readCode, objectId);
        var reply = await ExchangeAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseDeviceIdentification(reply, request, MessageDeviceId, unitId);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Sends <paramref name="request"/> to <paramref name="unitId"/> and returns the reply PDU, an exception response included.</summary>
    private protected abstract ValueTask<byte[]> ExchangeAsync(byte unitId, ModbusRequest request, CancellationToken cancellationToken);
}
