using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Writing;

namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>
/// One-off reads and writes of a single point, for tools such as the technician command line. They decode, encode
/// and word their errors as the running driver does.
/// </summary>
public static class ModbusPointAccess
{
    /// <summary>Reads the point's registers or bit with one request and decodes them.</summary>
    /// <exception cref="ModbusException">The request failed; the message names the device, unit, function and address.</exception>
    public static async Task<PointValue> ReadAsync(IModbusClient client, byte unitId, ModbusPointOptions point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(point);

        var count = (ushort)point.RegisterCount;
        ushort[] registers = point.Function switch
        {
            ModbusRegisterKind.Holding => await client.ReadHoldingRegistersAsync(unitId, point.Address, count, cancellationToken),
            ModbusRegisterKind.Input => await client.ReadInputRegistersAsync(unitId, point.Address, count, cancellationToken),
            ModbusRegisterKind.Coil => ToWords(await client.ReadCoilsAsync(unitId, point.Address, count, cancellationToken)),
            _ => ToWords(await client.ReadDiscreteInputsAsync(unitId, point.Address, count, cancellationToken)),
        };

        return ModbusPointDecoder.Decode(point, registers);
    }

    /// <summary>
    /// Writes <paramref name="value"/> to the point as the driver does: FC5/FC15 for a coil, FC6/FC16 for registers,
    /// with the point's write order, scale and read-back check. A failure comes back as a result, not an exception.
    /// </summary>
    public static ValueTask<DriverWriteResult> WriteAsync(
        IModbusClient client,
        string deviceId,
        byte unitId,
        ModbusPointOptions point,
        PointValue value,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        var writer = new ModbusPointWriter(deviceId, unitId, client, [point], logger);
        return writer.WriteAsync(point.Name, value, cancellationToken);
    }

    private static ushort[] ToWords(bool[] bits) => Array.ConvertAll(bits, bit => bit ? (ushort)1 : (ushort)0);
}
