using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>
/// Writes a port's PoE point off, waits, writes it on and reads it back. Every power-cycle is recorded in the
/// technician audit log. A port marked <c>lifeSafety: true</c> is refused without <c>--force</c>, because the device
/// behind it (a fire panel's camera, an escape-door controller) is blind or dead while the port is off.
/// </summary>
internal static class PowerCycleCommand
{
    public static readonly TimeSpan DefaultOffTime = TimeSpan.FromSeconds(5);

    /// <summary>Shortest off time. A shorter cycle may not reset the powered device before its supply capacitors drain (an estimate, not a measured figure).</summary>
    public static readonly TimeSpan MinOffTime = TimeSpan.FromSeconds(1);

    /// <summary>Longest off time, so that a typo cannot leave a camera dark for an hour.</summary>
    public static readonly TimeSpan MaxOffTime = TimeSpan.FromSeconds(60);

    public static async Task<int> ExecuteAsync(PowerCycleRequest request, TextWriter output, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!TryLoadSite(request, output, out var site))
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (ParseOffTime(request.OffFor, output) is not { } offTime)
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (PoePortLookup.Find(site, request.Device, request.Port, output) is not { } port)
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (port.Configuration.LifeSafety && !request.Force)
        {
            output.WriteLine(SwitchText.Format("LifeSafetyRefused", port.DeviceId, port.PointId));
            return ExitCodes.InvalidConfiguration;
        }

        SwitchAuditLog audit;
        try
        {
            audit = SwitchAuditLog.Open(site.Gateway.DataDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            output.WriteLine(SwitchText.Format("AuditUnavailable", Path.Combine(site.Gateway.DataDirectory, "logs"), Clause(exception.Message)));
            return ExitCodes.Unavailable;
        }

        using (audit)
        {
            return await CycleAsync(port, offTime, request.Force, audit, output, timeProvider, cancellationToken);
        }
    }

    private static async Task<int> CycleAsync(
        PoePort port, TimeSpan offTime, bool force, SwitchAuditLog audit, TextWriter output, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var user = Environment.GetEnvironmentVariable("SUDO_USER") ?? Environment.UserName;
        output.WriteLine(SwitchText.Format("Audited", audit.Folder));
        if (port.Configuration.LifeSafety && force)
        {
            output.WriteLine(SwitchText.Format("LifeSafetyForced", port.DeviceId, port.PointId));
            SwitchLog.LifeSafetyForced(audit.Logger, port.DeviceId, port.PointId, user);
        }

        SwitchLog.PowerCycleStarted(audit.Logger, port.DeviceId, port.PointId, user, offTime.TotalMilliseconds);
        await using var link = port.Link.Open();

        var off = await ModbusPointAccess.WriteAsync(link.Client, port.DeviceId, port.Link.UnitId, port.Point, port.ValueFor(on: false), NullLogger.Instance, cancellationToken);
        if (!off.Succeeded)
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "off", off.Error);
            output.WriteLine(SwitchText.Format("OffFailed", port.DeviceId, port.PointId, port.Link.Describe(), Clause(off.Error)));
            return ExitCodes.DeviceRequestFailed;
        }

        var offAt = timeProvider.GetTimestamp();
        output.WriteLine(SwitchText.Format("PowerOff", port.DeviceId, port.PointId, offTime.TotalSeconds));
        try
        {
            await Task.Delay(offTime, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C shortens the wait but never leaves the port without power.
            output.WriteLine(SwitchText.Get("WaitCancelled"));
        }

        var on = await ModbusPointAccess.WriteAsync(link.Client, port.DeviceId, port.Link.UnitId, port.Point, port.ValueFor(on: true), NullLogger.Instance, CancellationToken.None);
        var offElapsed = timeProvider.GetElapsedTime(offAt);
        if (!on.Succeeded)
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "on", on.Error);
            output.WriteLine(SwitchText.Format("OnFailed", port.DeviceId, port.PointId, Clause(on.Error)));
            return ExitCodes.DeviceRequestFailed;
        }

        return await ReadBackAsync(port, offElapsed, audit, output, link.Client);
    }

    private static async Task<int> ReadBackAsync(PoePort port, TimeSpan offElapsed, SwitchAuditLog audit, TextWriter output, IModbusClient client)
    {
        Contracts.PointValue value;
        try
        {
            value = await ModbusPointAccess.ReadAsync(client, port.Link.UnitId, port.Point, CancellationToken.None);
        }
        catch (ModbusException exception)
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "read-back", exception.Message);
            output.WriteLine(SwitchText.Format("ReadBackFailed", port.DeviceId, port.PointId, Clause(exception.Message)));
            return ExitCodes.DeviceRequestFailed;
        }

        var text = value.ToString();
        if (!PoePort.IsOn(value))
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "read-back", "reads " + text);
            output.WriteLine(SwitchText.Format("StillOff", port.DeviceId, port.PointId, text));
            return ExitCodes.DeviceRequestFailed;
        }

        SwitchLog.PowerCycleDone(audit.Logger, port.DeviceId, port.PointId, offElapsed.TotalMilliseconds, text);
        output.WriteLine(SwitchText.Format("PowerOn", port.DeviceId, port.PointId, offElapsed.TotalSeconds, text));
        return ExitCodes.Success;
    }

    /// <summary>Loads campus.yaml and sets the output language of this command's flow only: --language, else gateway.language.</summary>
    private static bool TryLoadSite(PowerCycleRequest request, TextWriter output, out SiteConfiguration site)
    {
        site = null!;
        if (request.Language is not null)
        {
            if (!OperatorCulture.IsSupported(request.Language))
            {
                output.WriteLine(SwitchText.Format("LanguageInvalid", request.Language, string.Join(", ", OperatorCulture.Supported)));
                return false;
            }

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(request.Language);
        }

        var result = SiteConfigurationLoader.Load(request.Config.FullName, request.Language is null ? null : CultureInfo.CurrentUICulture);
        if (result.Configuration is not { } loaded)
        {
            output.WriteLine(ConfigurationReport.Format(result));
            return false;
        }

        if (request.Language is null && loaded.Gateway.Language is { } language)
        {
            CultureInfo.CurrentUICulture = language;
        }

        site = loaded;
        return true;
    }

    private static TimeSpan? ParseOffTime(string? text, TextWriter output)
    {
        if (text is null)
        {
            return DefaultOffTime;
        }

        if (DurationText.TryParse(text, out var value) == DurationParse.Valid && value >= MinOffTime && value <= MaxOffTime)
        {
            return value;
        }

        output.WriteLine(SwitchText.Format("OffForInvalid", text, MinOffTime.TotalSeconds, MaxOffTime.TotalSeconds));
        return null;
    }

    /// <summary>Returns an error text without its closing full stop, because the templates end the sentence themselves.</summary>
    private static string Clause(string? text) => (text ?? string.Empty).TrimEnd().TrimEnd('.', '。');
}
