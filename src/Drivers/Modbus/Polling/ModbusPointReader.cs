using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Polling;

/// <summary>
/// Reads one configured point on request (a technician's diagnostic read), through the device's own client so the
/// request queues behind the polls on the same connection or bus instead of colliding with them. The result is not
/// published to the pipeline and does not change the device's online state.
/// </summary>
internal sealed class ModbusPointReader(string deviceId, byte unitId, IModbusClient client, IReadOnlyList<ModbusPointOptions> points, GatewayClock clock)
{
    /// <exception cref="ArgumentException">The device has no point named <paramref name="pointName"/>.</exception>
    public async Task<ModbusPointReading> ReadAsync(string pointName, CancellationToken cancellationToken)
    {
        var point = points.FirstOrDefault(candidate => candidate.Name == pointName)
            ?? throw new ArgumentException($"Device {deviceId} has no point {pointName}.", nameof(pointName));
        var id = new PointId(deviceId, point.Name);
        try
        {
            var registers = await ReadRegistersAsync(point, cancellationToken);
            var value = ModbusPointDecoder.Decode(point, registers);
            var quality = value.Kind == PointValueKind.None ? Quality.Bad : Quality.Good;
            return new ModbusPointReading(new Sample(id, value, quality, clock.UtcNow, clock.Stamp()), Error: null);
        }
        catch (ModbusException exception)
        {
            return new ModbusPointReading(new Sample(id, PointValue.None, Quality.Bad, clock.UtcNow, clock.Stamp()), exception);
        }
    }

    /// <summary>Reads the point's registers; a coil or discrete input comes back as one word, 0 or 1.</summary>
    private async Task<ushort[]> ReadRegistersAsync(ModbusPointOptions point, CancellationToken cancellationToken)
    {
        var quantity = (ushort)point.RegisterCount;
        switch (point.Function)
        {
            case ModbusRegisterKind.Holding:
                return await client.ReadHoldingRegistersAsync(unitId, point.Address, quantity, cancellationToken);
            case ModbusRegisterKind.Input:
                return await client.ReadInputRegistersAsync(unitId, point.Address, quantity, cancellationToken);
            default:
                var bits = point.Function == ModbusRegisterKind.Coil
                    ? await client.ReadCoilsAsync(unitId, point.Address, quantity, cancellationToken)
                    : await client.ReadDiscreteInputsAsync(unitId, point.Address, quantity, cancellationToken);
                return Array.ConvertAll(bits, bit => bit ? (ushort)1 : (ushort)0);
        }
    }
}
