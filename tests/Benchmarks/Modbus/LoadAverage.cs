using System.Globalization;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, printed next to every number.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"load average {fields[0]}, {fields[1]}, {fields[2]}");
        }
        catch (IOException)
        {
            return "load average unknown";
        }
    }
}
