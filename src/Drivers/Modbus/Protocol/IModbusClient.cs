namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// Register access to Modbus devices over one link (a TCP connection or, later, a serial bus). Every method throws
/// a <see cref="ModbusException"/> subtype when the request fails, and <see cref="OperationCanceledException"/> only
/// when the caller's token is cancelled.
/// </summary>
public interface IModbusClient : IAsyncDisposable
{
    /// <summary>FC3: reads 1..125 holding registers starting at <paramref name="address"/>.</summary>
    Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC4: reads 1..125 input registers starting at <paramref name="address"/>.</summary>
    Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken);

    /// <summary>FC6: writes one holding register.</summary>
    Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken);

    /// <summary>FC16: writes 1..123 consecutive holding registers.</summary>
    Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken);
}
