using System.Text;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Checks the header of an existing data file before LiteDB opens it. On a caller-supplied stream LiteDB 5.0.21
/// truncates a file whose length is not a multiple of the 8 KiB page, so a short file of garbage would silently
/// become an empty database instead of failing to open.
/// </summary>
internal static class OutboxFileCheck
{
    private const int PageSize = 8192;

    // HeaderPage layout in LiteDB 5: the text at bytes 32-58 and the file format version (8) at byte 59.
    private const int HeaderInfoOffset = 32;
    private const int FileVersionOffset = 59;
    private const byte FileVersion = 8;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Returns a description of what is wrong with the data file, or null when LiteDB may open it.</summary>
    public static string? FindProblem(string dataPath, string logPath)
    {
        var data = new FileInfo(dataPath);
        var dataLength = data.Exists ? data.Length : 0;
        var logLength = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;

        if (dataLength == 0)
        {
            // A log without its data file cannot be replayed into anything meaningful.
            return logLength > 0 ? $"the data file is missing or empty but its log file has {logLength} bytes" : null;
        }

        if (dataLength < PageSize)
        {
            return $"the data file has {dataLength} bytes, less than one {PageSize}-byte page";
        }

        var header = new byte[PageSize];
        using (var stream = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.ReadExactly(header);
        }

        if (!header.AsSpan(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo))
        {
            return "the data file has no LiteDB header";
        }

        if (header[FileVersionOffset] != FileVersion)
        {
            return $"the data file has format version {header[FileVersionOffset]}, expected {FileVersion}";
        }

        return null;
    }
}
