namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>A Modbus TCP server the device suite runs against: pymodbus or the in-process simulator.</summary>
public interface IModbusTestPeer : IAsyncDisposable
{
    int Port { get; }

    Task SetHoldingRegistersAsync(ushort address, ushort[] values);

    Task<ushort[]> GetHoldingRegistersAsync(ushort address, int count);

    /// <summary>Stops the server: open connections break and connects are refused.</summary>
    Task StopAsync();

    /// <summary>Starts the server again on the same port with the registers it had.</summary>
    Task StartAgainAsync();
}
