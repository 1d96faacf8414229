namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Register access to Modbus devices over one link (a TCP connection or a serial bus). Every method throws
/// a <see cref="ModbusException"/> subtype when the request fails, and <see cref="OperationCanceledException"/> only
/// when the caller's token is cancelled.
/// </summary>
public interface IModbusClient : IAsyncDisposable
{
    /// <summary>FC3: reads 1..125 holding registers starting at <paramref name="address"/>.</summary>
    Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC4: reads 1..125 input registers starting at <paramref name="address"/>.</summary>
    Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC1: reads 1..2000 coils starting at <paramref name="address"/>.</summary>
    Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC2: reads 1..2000 discrete inputs starting at <paramref name="address"/>.</summary>
    Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC5: switches one coil on or off.</summary>
    Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken);

    /// <summary>FC15: writes 1..1968 consecutive coils.</summary>
    Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken);

    /// <summary>FC6: writes one holding register.</summary>
    Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken);

    /// <summary>FC16: writes 1..123 consecutive holding registers.</summary>
    Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken);

    /// <summary>
    /// FC23: writes 1..121 holding registers at <paramref name="writeAddress"/>, then reads 1..125 starting at
    /// <paramref name="readAddress"/>, in one transaction. The device writes first, so overlapping blocks read the new values.
    /// </summary>
    Task<ushort[]> ReadWriteMultipleRegistersAsync(
        byte unitId,
        ushort readAddress,
        ushort readQuantity,
        ushort writeAddress,
        ReadOnlyMemory<ushort> values,
        CancellationToken cancellationToken);

    /// <summary>
    /// FC43/14: sends one Read Device Identification request and returns its reply, which may say more objects follow.
    /// <see cref="ModbusDeviceIdentification.ReadAsync"/> follows the continuation.
    /// </summary>
    Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(byte unitId, ModbusDeviceIdReadCode readCode, byte objectId, CancellationToken cancellationToken);
}
