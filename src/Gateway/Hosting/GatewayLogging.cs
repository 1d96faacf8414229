using Serilog;
using Serilog.Events;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>Serilog set-up shared by the bootstrap logger and the host's logger.</summary>
internal static class GatewayLogging
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {EventNumber,4} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private const string FileTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {EventNumber} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Logger for the time before the configuration is known: console only.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.With<EventIdEnricher>()
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    /// <summary>
    /// Console plus a daily rolling file under <c>{dataDirectory}/logs</c>. The file is capped at 20 MB per file and
    /// 14 files, so a gateway on an SD card never fills its disk with logs.
    /// </summary>
    public static void Configure(LoggerConfiguration configuration, string dataDirectory, bool writeToConsole)
    {
        configuration
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.With<EventIdEnricher>()
            .WriteTo.File(
                Path.Combine(dataDirectory, "logs", "gateway-.log"),
                outputTemplate: FileTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 20L * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 14);

        if (writeToConsole)
        {
            configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
