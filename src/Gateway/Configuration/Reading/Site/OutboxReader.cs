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
        outbox.ReportUnknownKeys();

        return new OutboxConfiguration { MaxDiskMegabytes = maxDiskMegabytes ?? OutboxConfiguration.DefaultMaxDiskMegabytes };
    }
}
