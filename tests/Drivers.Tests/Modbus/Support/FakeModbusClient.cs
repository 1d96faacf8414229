using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Support;

/// <summary>
/// An <see cref="IModbusClient"/> that records writes and fails them with <see cref="WriteFailure"/> when set. Holding
/// register and coil reads return <see cref="HoldingReads"/> and <see cref="CoilReads"/>, so a test can play a device
/// whose read-back differs from what was written.
/// </summary>
public sealed class FakeModbusClient : IModbusClient
{
    public List<(ModbusFunctionCode Function, ushort Address, ushort[] Values)> Writes { get; } = [];

    /// <summary>Address and quantity of each FC3 read.</summary>
    public List<(ushort Address, ushort Quantity)> HoldingReadRequests { get; } = [];

    /// <summary>Returns the registers of an FC3 read from its address and quantity; unset, reads are not supported.</summary>
    public Func<ushort, ushort, ushort[]>? HoldingReads { get; set; }

    /// <summary>Returns the coils of an FC1 read from its address and quantity; unset, reads are not supported.</summary>
    public Func<ushort, ushort, bool[]>? CoilReads { get; set; }

    public ModbusException? WriteFailure { get; set; }

    /// <summary>FC43/14 replies in the order they are returned.</summary>
    public Queue<ModbusDeviceIdResponse> DeviceIdReplies { get; } = new();

    /// <summary>Read code and object id of each FC43/14 request.</summary>
    public List<(ModbusDeviceIdReadCode ReadCode, byte ObjectId)> DeviceIdRequests { get; } = [];

    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        HoldingReadRequests.Add((address, quantity));
        return HoldingReads is null ? throw new NotSupportedException() : Task.FromResult(HoldingReads(address, quantity));
    }

    public Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        CoilReads is null ? throw new NotSupportedException() : Task.FromResult(CoilReads(address, quantity));

    public Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken) =>
        Record(ModbusFunctionCode.WriteSingleCoil, address, [value ? (ushort)0xFF00 : (ushort)0]);

    public Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken) =>
        Record(ModbusFunctionCode.WriteMultipleCoils, address, [.. values.ToArray().Select(value => value ? (ushort)1 : (ushort)0)]);

    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken) =>
        Record(ModbusFunctionCode.WriteSingleRegister, address, [value]);

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken) =>
        Record(ModbusFunctionCode.WriteMultipleRegisters, address, values.ToArray());

    public Task<ushort[]> ReadWriteMultipleRegistersAsync(
        byte unitId,
        ushort readAddress,
        ushort readQuantity,
        ushort writeAddress,
        ReadOnlyMemory<ushort> values,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(
        byte unitId,
        ModbusDeviceIdReadCode readCode,
        byte objectId,
        CancellationToken cancellationToken)
    {
        DeviceIdRequests.Add((readCode, objectId));
        return Task.FromResult(DeviceIdReplies.Dequeue());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task Record(ModbusFunctionCode function, ushort address, ushort[] values)
    {
        if (WriteFailure is not null)
        {
            return Task.FromException(WriteFailure);
        }

        Writes.Add((function, address, values));
        return Task.CompletedTask;
    }
}
