using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public class ReportLoggingTests
{
    [Fact]
    public void WriteTo_LogsProblemsInEnglish()
    {
        var result = SiteYaml.Load(SiteYaml.With("address: 0", "address: 70000"), SiteYaml.Chinese);
        var logger = new RecordingLogger();

        ConfigurationReport.WriteTo(logger, result);

        Assert.Equal([1101, 1102, 1103], logger.Entries.Select(entry => entry.EventId.Id));
        Assert.Equal(LogLevel.Warning, logger.Entries[0].Level);
        Assert.Contains("devices[0].points[0].address: 70000 is out of range", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, logger.Entries[1].Level);
        Assert.Contains("without devices air", logger.Entries[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_LogsLoadedCounts()
    {
        var logger = new RecordingLogger();

        ConfigurationReport.WriteTo(logger, SiteYaml.Load(SiteYaml.Valid));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1100, entry.EventId.Id);
        Assert.Equal("Site configuration campus.yaml loaded: 3 devices, 2 rules", entry.Message);
    }

    [Fact]
    public void WriteTo_NeverLogsSecrets()
    {
        var yaml = SiteYaml.With("  host: 127.0.0.1\ndevices:", "  host: 127.0.0.1\n  password: district-secret-1\ndevices:");
        var logger = new RecordingLogger();

        ConfigurationReport.WriteTo(logger, SiteYaml.Load(yaml));

        Assert.NotEmpty(logger.Entries);
        Assert.All(logger.Entries, entry => Assert.DoesNotContain("district-secret-1", entry.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("district-secret-1", ConfigurationReport.Format(SiteYaml.Load(yaml)), StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception)));
    }
}
