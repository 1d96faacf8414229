namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// The function codes of <see cref="IModbusClient"/> built on one transport operation: send a request PDU to a unit
/// and check the reply PDU. Each method builds its request and lets the transport exchange it and check the reply.
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
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseReadRegisters, cancellationToken);
    }

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, address, quantity);
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseReadRegisters, cancellationToken);
    }

    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, address, quantity);
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseReadBits, cancellationToken);
    }

    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, address, quantity);
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseReadBits, cancellationToken);
    }

    public async Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleCoil(address, value);
        await ExchangeAsync(unitId, request, CheckWrite, cancellationToken);
    }

    public async Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleCoils(address, values.Span);
        await ExchangeAsync(unitId, request, CheckWrite, cancellationToken);
    }

    public async Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleRegister(address, value);
        await ExchangeAsync(unitId, request, CheckWrite, cancellationToken);
    }

    public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleRegisters(address, values.Span);
        await ExchangeAsync(unitId, request, CheckWrite, cancellationToken);
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
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseReadRegisters, cancellationToken);
    }

    public async Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(
        byte unitId,
        ModbusDeviceIdReadCode readCode,
        byte objectId,
        CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadDeviceIdentification(readCode, objectId);
        return await ExchangeAsync(unitId, request, ModbusReplyParser.ParseDeviceIdentification, cancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="unitId"/> and returns what <paramref name="handler"/> makes
    /// of the reply PDU. The handler runs while the reply is still in the transport's buffer, before the next request, and
    /// throws for an exception response or a reply that does not match. The poller reads through this method with
    /// requests it builds once and a handler that copies into its own buffer, so a poll allocates neither.
    /// </summary>
    internal abstract ValueTask<TResult> ExchangeAsync<TResult>(
        byte unitId,
        ModbusRequest request,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken);

    private static bool CheckWrite(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        ModbusReplyParser.ParseWrite(pdu, request, deviceId, unitId);
        return true;
    }
}
