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
}
