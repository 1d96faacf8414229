namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>Appends a result line to the file named by SMARTCAMPUS_RELIABILITY_REPORT, which the long-run scripts set.</summary>
internal static class Report
{
    public static void Append(string line)
    {
        var path = Environment.GetEnvironmentVariable("SMARTCAMPUS_RELIABILITY_REPORT");
        if (!string.IsNullOrEmpty(path))
        {
            File.AppendAllLines(path, [$"{DateTimeOffset.UtcNow:O} {line}"]);
        }
    }

    /// <summary>Writes a run's full text (e.g. the gateway's log) next to the report file, when there is one.</summary>
    public static void Save(string fileName, string text)
    {
        var path = Environment.GetEnvironmentVariable("SMARTCAMPUS_RELIABILITY_REPORT");
        if (!string.IsNullOrEmpty(path))
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, fileName), text);
        }
    }
}
