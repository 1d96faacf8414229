using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class OutboxReader
{
    public const string Example = "{maxDiskMegabytes: 512}";

    public static readonly OutboxConfiguration Defaults = new() { MaxDiskMegabytes = OutboxConfiguration.DefaultMaxDiskMegabytes };

    public static OutboxConfiguration Read(MappingReader outbox)
    {
        // 1 MiB to 1 TiB: the cap protects the SD card, so it has to fit on one.
        var maxDiskMegabytes = outbox.Key("maxDiskMegabytes").OptionalInteger(1, 1_048_576, "512");
        var alarmReserveMegabytes = ReadAlarmReserve(outbox.Key("alarmReserveMegabytes"), maxDiskMegabytes ?? OutboxConfiguration.DefaultMaxDiskMegabytes);
        var downsampleAfter = outbox.Key("downsampleAfter").OptionalDuration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), "1h");
        var downsampleInterval = outbox.Key("downsampleInterval").OptionalDuration(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), "1m");
        var compactionInterval = outbox.Key("compactionInterval").OptionalDuration(TimeSpan.Zero, TimeSpan.FromDays(1), "10m");
        var compactionMinFreeMegabytes = outbox.Key("compactionMinFreeMegabytes").OptionalInteger(1, 1_048_576, "64");
        outbox.ReportUnknownKeys();

        return new OutboxConfiguration
        {
            MaxDiskMegabytes = maxDiskMegabytes ?? OutboxConfiguration.DefaultMaxDiskMegabytes,
            AlarmReserveMegabytes = alarmReserveMegabytes,
            DownsampleAfter = downsampleAfter,
            DownsampleInterval = downsampleInterval ?? OutboxConfiguration.DefaultDownsampleInterval,
            CompactionInterval = compactionInterval ?? OutboxConfiguration.DefaultCompactionInterval,
            CompactionMinFreeMegabytes = compactionMinFreeMegabytes ?? OutboxConfiguration.DefaultCompactionMinFreeMegabytes,
        };
    }

    /// <summary>The reserve is part of the budget, so it must leave room for events and telemetry: 0 to maxDiskMegabytes - 1.</summary>
    private static int? ReadAlarmReserve(ValueReader value, int maxDiskMegabytes)
    {
        var reserve = value.OptionalInteger(0, 1_048_575, "16");
        if (reserve is { } megabytes && megabytes >= maxDiskMegabytes)
        {
            value.ReportOutOfRange(value.RawText ?? megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), Expect.IntegerRange(0, maxDiskMegabytes - 1), "16");
            return null;
        }

        return reserve;
    }
}
