using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Planning;

/// <summary>
/// Merges a device's points into read requests. Points of one register table whose registers touch or overlap share
/// a request while the request stays within the register limit (or the bit limit for coils and discrete inputs). A point's registers are never split across requests.
/// Points separated by a gap wider than the caller's maximum get separate requests, because the registers in a gap
/// may not exist on the device, and one illegal address makes the device reject the whole request.
/// </summary>
public static class ModbusReadPlanner
{
    /// <summary>Plans the requests, holding registers first, then input registers, coils and discrete inputs, each in address order.</summary>
    /// <param name="points">The device's points.</param>
    /// <param name="maxRegistersPerRequest">Max registers per request, 1..125. Some devices accept fewer than the protocol's 125.</param>
    /// <param name="maxGap">
    /// Unused registers (or bits) between two points that one request may still span. Only safe where the device
    /// responds for the addresses in the gap. 0 keeps every gap out of the requests.
    /// </param>
    /// <param name="maxBitsPerRequest">Max coils or discrete inputs per request, 1..2000 (§6.1, §6.2). Default the protocol's 2000.</param>
    public static IReadOnlyList<ModbusReadBlock> Plan(
        IEnumerable<ModbusPointOptions> points,
        int maxRegistersPerRequest,
        int maxGap = 0,
        int maxBitsPerRequest = ModbusLimits.MaxReadBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegistersPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRegistersPerRequest, ModbusLimits.MaxReadRegisters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBitsPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBitsPerRequest, ModbusLimits.MaxReadBits);

        var blocks = new List<ModbusReadBlock>();
        foreach (var table in points.GroupBy(point => point.Function).OrderBy(group => group.Key))
        {
            var ordered = table.OrderBy(point => point.Address).ThenBy(point => point.RegisterCount);
            // Bit tables have their own limit (up to 2000 per request, §6.1), so the register limit does not apply to them.
            var limit = table.Key is ModbusRegisterKind.Coil or ModbusRegisterKind.DiscreteInput ? maxBitsPerRequest : maxRegistersPerRequest;
            PlanTable(table.Key, ordered, limit, maxGap, blocks);
        }

        return blocks;
    }

    private static void PlanTable(
        ModbusRegisterKind kind,
        IEnumerable<ModbusPointOptions> ordered,
        int maxRegisters,
        int maxGap,
        List<ModbusReadBlock> blocks)
    {
        var current = new List<ModbusPointOptions>();
        var start = 0;
        var end = 0; // exclusive

        foreach (var point in ordered)
        {
            var pointEnd = point.Address + point.RegisterCount;
            if (point.RegisterCount > maxRegisters)
            {
                throw new ArgumentException(
                    $"Point '{point.Name}' needs {point.RegisterCount} registers, more than the limit of {maxRegisters} per request.",
                    nameof(maxRegisters));
            }

            var fits = current.Count > 0 && point.Address <= end + maxGap && Math.Max(end, pointEnd) - start <= maxRegisters;
            if (!fits && current.Count > 0)
            {
                blocks.Add(new ModbusReadBlock(kind, (ushort)start, (ushort)(end - start), current.ToArray()));
                current = [];
            }

            if (current.Count == 0)
            {
                start = point.Address;
                end = pointEnd;
            }

            current.Add(point);
            end = Math.Max(end, pointEnd);
        }

        if (current.Count > 0)
        {
            blocks.Add(new ModbusReadBlock(kind, (ushort)start, (ushort)(end - start), current.ToArray()));
        }
    }
}
