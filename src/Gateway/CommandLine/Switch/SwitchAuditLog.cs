using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Events;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>
/// The audit trail of technician actions on switches: <c>{dataDirectory}/logs/technician-YYYYMMDD.log</c>, one JSON
/// record a line (<see cref="TechnicianAuditFormatter"/>), always in English, so that one file never mixes the
/// languages of the technicians who worked on the box. It is a file of its own because the running gateway holds its
/// own log file open for writing.
/// </summary>
internal sealed class SwitchAuditLog : IDisposable
{
    private readonly SerilogLoggerFactory _factory;

    private SwitchAuditLog(SerilogLoggerFactory factory, string folder)
    {
        _factory = factory;
        Folder = folder;
        Logger = factory.CreateLogger("SmartCampus.Edge.Gateway.CommandLine.Switch");
    }

    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    /// <summary>Folder of the audit files, for the operator message.</summary>
    public string Folder { get; }

    /// <summary>Opens the audit log, or throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when its folder cannot be written.</summary>
    public static SwitchAuditLog Open(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "logs");
        Directory.CreateDirectory(folder);

        // Proves the folder is writable now: Serilog's file sink would drop records silently instead.
        var probe = Path.Combine(folder, $".technician-{Environment.ProcessId}.probe");
        File.WriteAllText(probe, string.Empty);
        File.Delete(probe);

        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(
                new TechnicianAuditFormatter(),
                Path.Combine(folder, "technician-.log"),
                restrictedToMinimumLevel: LogEventLevel.Information,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 60,
                shared: true)
            .CreateLogger();
        return new SwitchAuditLog(new SerilogLoggerFactory(logger, dispose: true), folder);
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _factory.Dispose();
}
