using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// A process's resident memory split by kind of mapping, summed from the <c>Rss:</c> lines of /proc/&lt;pid&gt;/smaps:
/// anonymous memory (the GC heap and the runtime's native allocations), the executable's own file (the single-file
/// bundle), <c>/memfd:doublemapper</c> (JIT-compiled code and stubs with W^X on), other files (native libraries)
/// and the rest (stacks, vdso).
/// </summary>
internal static class RssByMapping
{
    public static string Describe(int processId)
    {
        var executable = File.ResolveLinkTarget($"/proc/{processId}/exe", returnFinalTarget: true)?.FullName ?? string.Empty;
        var kilobytes = new Dictionary<string, long>();
        var kind = "other";
        foreach (var line in File.ReadLines($"/proc/{processId}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                kind = KindOf(line, executable);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var value = long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                kilobytes[kind] = kilobytes.GetValueOrDefault(kind) + value;
            }
        }

        var text = new StringBuilder("RSS by mapping (/proc/<pid>/smaps):");
        foreach (var (name, value) in kilobytes.OrderByDescending(entry => entry.Value))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {name} {value / 1024.0:0.0} MB");
        }

        return text.ToString();
    }

    /// <summary>A header line starts with the address range ("start-end"). Every other line starts with "Name:".</summary>
    private static bool IsMappingHeader(string line)
    {
        var firstField = line.AsSpan(0, Math.Max(0, line.IndexOf(' ', StringComparison.Ordinal)));
        return firstField.Contains('-') && !firstField.EndsWith(':');
    }

    private static string KindOf(string header, string executable)
    {
        // Fields: address, permissions, offset, device, inode, then the path if there is one.
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var path = fields.Length == 6 ? fields[5].Trim() : string.Empty;
        return path switch
        {
            "" => "anonymous",
            "[heap]" => "anonymous",
            _ when path == executable => "executable (single-file bundle)",
            _ when path.StartsWith("/memfd:doublemapper", StringComparison.Ordinal) => "/memfd:doublemapper (JIT code)",
            _ when path.StartsWith('/') => "other files (native libraries)",
            _ => "other (stacks, vdso)",
        };
    }
}
