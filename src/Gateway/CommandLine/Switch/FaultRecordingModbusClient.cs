using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>
/// Passes every request to the switch's client and keeps the last <see cref="ModbusException"/> it threw. The point
/// writer turns a fault into operator text in the technician's language; the audit file needs the same fault in
/// English, which <see cref="ModbusException.GetMessage"/> renders from the kept exception.
/// </summary>
internal sealed class FaultRecordingModbusClient(IModbusClient inner) : IModbusClient
{
    /// <summary>The fault of the last failed request; null when none failed since <see cref="Clear"/>.</summary>
    public ModbusException? LastFault { get; private set; }

    public void Clear() => LastFault = null;

    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadHoldingRegistersAsync(unitId, address, quantity, cancellationToken));

    public Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadInputRegistersAsync(unitId, address, quantity, cancellationToken));

    public Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadCoilsAsync(unitId, address, quantity, cancellationToken));

    public Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadDiscreteInputsAsync(unitId, address, quantity, cancellationToken));

    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.WriteSingleCoilAsync(unitId, address, value, cancellationToken));

    public Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.WriteMultipleCoilsAsync(unitId, address, values, cancellationToken));

    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.WriteSingleRegisterAsync(unitId, address, value, cancellationToken));

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.WriteMultipleRegistersAsync(unitId, address, values, cancellationToken));

    public Task<ushort[]> ReadWriteMultipleRegistersAsync(
        byte unitId, ushort readAddress, ushort readQuantity, ushort writeAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadWriteMultipleRegistersAsync(unitId, readAddress, readQuantity, writeAddress, values, cancellationToken));

    public Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(byte unitId, ModbusDeviceIdReadCode readCode, byte objectId, CancellationToken cancellationToken) =>
        RecordAsync(() => inner.ReadDeviceIdentificationAsync(unitId, readCode, objectId, cancellationToken));

    /// <summary>The link owns the inner client and disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task RecordAsync(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (ModbusException exception)
        {
            LastFault = exception;
            throw;
        }
    }

    private async Task<T> RecordAsync<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (ModbusException exception)
        {
            LastFault = exception;
            throw;
        }
    }
}
