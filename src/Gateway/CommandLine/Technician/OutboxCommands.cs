using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// <c>smartcampus-edge outbox status|export --config FILE</c>: the backlog of each lane, or the waiting records as
/// JSON lines, read from the outbox database while the gateway is stopped. While the gateway runs they exit with code 3,
/// because LiteDB 5 cannot be read safely by a second process; the console and /metrics show the live backlog.
/// </summary>
internal static class OutboxCommands
{
    public static int Status(SiteConfiguration site, TextWriter output, TextWriter error, TimeProvider timeProvider)
    {
        if (!TryOpen(site, error, out var inspector, out var exitCode))
        {
            return exitCode;
        }

        using (inspector)
        {
            var summary = inspector.ReadSummary();
            var now = timeProvider.GetUtcNow();
            output.WriteLine(TechnicianText.Format("OutboxHeader", summary.DatabasePath));
            output.WriteLine(TechnicianText.Format("OutboxFiles", summary.LastSequence, Megabytes(summary.DataFileBytes), Megabytes(summary.LogFileBytes)));
            foreach (var lane in summary.Lanes)
            {
                var oldest = lane.OldestSequence is { } sequence && lane.OldestCreatedAt is { } createdAt
                    ? TechnicianText.Format("OutboxOldest", sequence, LocalTime(createdAt, timeProvider), Age(now - createdAt))
                    : TechnicianText.Get("OutboxEmpty");
                output.WriteLine(TechnicianText.Format("OutboxLane", LaneLabel(lane.Lane), lane.Count, oldest, Megabytes(lane.EstimatedBytes), lane.Dropped, lane.DeadLettered));
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes one JSON object per waiting record: lane, sequence, type, createdAt and the payload as stored (JSON),
    /// alarms first, then events, then telemetry, each oldest first. Returns the exit code; the count goes to
    /// <paramref name="error"/>, so that standard output holds only records.
    /// </summary>
    public static int Export(SiteConfiguration site, OutboxLane? onlyLane, TextWriter output, TextWriter error)
    {
        if (!TryOpen(site, error, out var inspector, out var exitCode))
        {
            return exitCode;
        }

        var count = 0L;
        using (inspector)
        {
            var lanes = onlyLane is { } lane ? [lane] : new[] { OutboxLane.Alarms, OutboxLane.Events, OutboxLane.Telemetry };
            foreach (var current in lanes)
            {
                foreach (var record in inspector.ReadRecords(current))
                {
                    output.WriteLine(ToJsonLine(record));
                    count++;
                }
            }
        }

        error.WriteLine(TechnicianText.Format("OutboxExported", count));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Returns the time in the gateway's time zone with its offset ("2026-09-01 16:00:01 +08:00"), as the console shows
    /// times, so that a technician can compare the two without converting from UTC.
    /// </summary>
    private static string LocalTime(DateTimeOffset time, TimeProvider timeProvider) =>
        TimeZoneInfo.ConvertTime(time, timeProvider.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static bool TryOpen(SiteConfiguration site, TextWriter error, out OutboxInspector inspector, out int exitCode)
    {
        inspector = null!;
        var dataDirectory = site.Gateway.DataDirectory;
        if (GatewayProcessProbe.IsRunning(dataDirectory))
        {
            error.WriteLine(TechnicianText.Format("GatewayRunning", dataDirectory));
            exitCode = ExitCodes.InstanceLocked;
            return false;
        }

        var path = Path.Combine(dataDirectory, GatewayHost.OutboxFileName);
        try
        {
            inspector = OutboxInspector.Open(path);
            exitCode = ExitCodes.Success;
            return true;
        }
        catch (FileNotFoundException)
        {
            error.WriteLine(TechnicianText.Format("OutboxNotFound", path));
            exitCode = ExitCodes.Unavailable;
        }
        catch (OutboxLockedException)
        {
            error.WriteLine(TechnicianText.Format("GatewayRunning", dataDirectory));
            exitCode = ExitCodes.InstanceLocked;
        }
        catch (Exception exception) when (exception is LiteDB.LiteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine(TechnicianText.Format("OutboxUnreadable", path, exception.Message));
            exitCode = ExitCodes.Unavailable;
        }

        return false;
    }

    private static string ToJsonLine(OutboxRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("lane", record.Lane.ToString().ToLowerInvariant());
            writer.WriteNumber("sequence", record.Sequence);
            writer.WriteString("type", record.Type);
            writer.WriteString("createdAt", record.CreatedAt);
            writer.WritePropertyName("payload");

            // The outbox accepted only valid JSON values, so the payload is copied as it is.
            writer.WriteRawValue(record.Payload, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The lane's name in the technician's language, padded to one column width. A Chinese character takes two
    /// terminal columns, so the padding counts display columns, not characters.
    /// </summary>
    private static string LaneLabel(OutboxLane lane)
    {
        const int ColumnWidth = 10;
        var label = TechnicianText.Get($"OutboxLane{lane}");
        var width = label.Sum(character => character >= '\u2E80' ? 2 : 1);
        return label + new string(' ', Math.Max(1, ColumnWidth - width));
    }

    private static string Age(TimeSpan age)
    {
        age = age < TimeSpan.Zero ? TimeSpan.Zero : age;
        return age.TotalHours >= 1
            ? TechnicianText.Format("OutboxAgeHours", (int)age.TotalHours, age.Minutes)
            : TechnicianText.Format("OutboxAgeMinutes", (int)age.TotalMinutes, age.Seconds);
    }
}
