using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Reading.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>
/// Finds Modbus point maps that are valid but probably wrong, for the start log and <c>smartcampus-edge check</c>:
/// an <c>address</c> written as a 4xxxx or 3xxxx register number instead of the zero-based protocol address, and two
/// whole-value points of one device that read the same register. A point with <c>bit</c> shares its register on
/// purpose, so it never counts as an overlap.
/// </summary>
public static class ModbusRegisterCheck
{
    /// <summary>
    /// Returns one warning per finding, located at the point's address as <paramref name="positions"/> recorded it
    /// during the load: in the site file, or in the device profile file the point comes from.
    /// </summary>
    internal static IEnumerable<LocatedWarning> Locate(SiteConfiguration site, SourcePositions positions) =>
        Find(site).Select(warning => new LocatedWarning(
            positions.FindPointAddress(warning.DeviceId, warning.PointId) ?? LocatedWarning.Unlocated, warning.DeviceId, warning.Message));

    private static List<ModbusPointWarning> Find(SiteConfiguration site)
    {
        var warnings = new List<ModbusPointWarning>();
        foreach (var device in site.Devices)
        {
            var points = device switch
            {
                ModbusTcpDeviceConfiguration tcp => tcp.Points,
                ModbusRtuDeviceConfiguration rtu => rtu.Points,
                _ => [],
            };

            warnings.AddRange(points.Select(point => RegisterNumber(device.Id, point)).OfType<ModbusPointWarning>());
            warnings.AddRange(Overlaps(device.Id, points));
        }

        return warnings;
    }

    /// <summary>
    /// Returns the first register number (40001 or 30001) and the numbering's name ("4xxxx" or "3xxxx") when
    /// <paramref name="address"/> looks like a register number of <paramref name="function"/>'s table, else null. A
    /// holding address from 40001 to 49999 or an input address from 30001 to 39999 matches the register numbering of
    /// many device manuals (register 40001 is protocol address 0), which docs/configuration.md warns about. The
    /// technician command line gives the same warning for <c>--address</c>.
    /// </summary>
    public static (int First, string Numbering)? FindRegisterNumber(ModbusFunction function, int address)
    {
        var (first, numbering) = function switch
        {
            ModbusFunction.Holding => (40001, "4xxxx"),
            ModbusFunction.Input => (30001, "3xxxx"),
            _ => (0, string.Empty),
        };

        return first == 0 || address < first || address > first + 9998 ? null : (first, numbering);
    }

    private static ModbusPointWarning? RegisterNumber(string deviceId, ModbusPointConfiguration point)
    {
        if (FindRegisterNumber(point.Function, point.Address) is not { } number)
        {
            return null;
        }

        var message = new ProblemMessage(
            MessageKeys.ModbusRegisterNumberAddress, $"{deviceId}.{point.Id}", point.Address, number.Numbering, number.First, point.Address - number.First);
        return new ModbusPointWarning(deviceId, point.Id, message);
    }

    /// <summary>Each overlap is located at the later point, the one that probably repeats the address.</summary>
    private static IEnumerable<ModbusPointWarning> Overlaps(string deviceId, IReadOnlyList<ModbusPointConfiguration> points)
    {
        var whole = points.Where(point => point.Bit is null).ToList();
        for (var i = 0; i < whole.Count; i++)
        {
            for (var j = i + 1; j < whole.Count; j++)
            {
                var (a, b) = (whole[i], whole[j]);
                if (a.Function == b.Function && a.Address <= Last(b) && b.Address <= Last(a))
                {
                    yield return new ModbusPointWarning(deviceId, b.Id, new ProblemMessage(MessageKeys.ModbusPointsOverlap, deviceId, a.Id, Span(a), b.Id, Span(b)));
                }
            }
        }
    }

    /// <summary>Last protocol address the point reads; coils and discrete inputs take one address each.</summary>
    private static int Last(ModbusPointConfiguration point) => point.Function is ModbusFunction.Coil or ModbusFunction.DiscreteInput
        ? point.Address
        : point.Address + ModbusPointReader.RegisterCount(point.DataType, point.Length) - 1;

    private static string Span(ModbusPointConfiguration point) => Last(point) == point.Address
        ? point.Address.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{point.Address}–{Last(point)}");
}
