using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>Time a cancelled power-cycle gets to switch the port on again and read it back before the process is ended.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(30);

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

        // System.CommandLine starts watching for Ctrl+C only after the command first yields. A signal before that,
        // with the off request already at the switch, would end the process at once and leave the port off, so the
        // command watches for it itself from before the off request.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupt(context, interrupted));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupt(context, interrupted));
        cancellationToken = interrupted.Token;

        SwitchLog.PowerCycleStarted(audit.Logger, port.DeviceId, port.PointId, user, offTime.TotalMilliseconds);
        await using var link = port.Link.Open();
        var client = new FaultRecordingModbusClient(link.Client);

        var offAt = timeProvider.GetTimestamp();
        var cancelled = false;
        try
        {
            var off = await ModbusPointAccess.WriteAsync(client, port.DeviceId, port.Link.UnitId, port.Point, port.ValueFor(on: false), NullLogger.Instance, cancellationToken);
            if (!off.Succeeded)
            {
                SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "off", AuditError(client));
                output.WriteLine(SwitchText.Format("OffFailed", port.DeviceId, port.PointId, port.Link.Describe(), Clause(off.Error)));
                return ExitCodes.DeviceRequestFailed;
            }

            offAt = timeProvider.GetTimestamp();
            output.WriteLine(SwitchText.Format("PowerOff", port.DeviceId, port.PointId, offTime.TotalSeconds));
            await Task.Delay(offTime, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C shortens the wait but never leaves the port without power: the off request may have reached
            // the switch even when its reply did not, so the port is switched on in every case.
            cancelled = true;
            output.WriteLine(SwitchText.Get("WaitCancelled"));
        }

        client.Clear();
        var on = await ModbusPointAccess.WriteAsync(client, port.DeviceId, port.Link.UnitId, port.Point, port.ValueFor(on: true), NullLogger.Instance, CancellationToken.None);
        var offElapsed = timeProvider.GetElapsedTime(offAt);
        if (!on.Succeeded)
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "on", AuditError(client));
            output.WriteLine(SwitchText.Format("OnFailed", port.DeviceId, port.PointId, Clause(on.Error)));
            return ExitCodes.DeviceRequestFailed;
        }

        var result = await ReadBackAsync(port, offElapsed, cancelled, audit, output, client);
        return result == ExitCodes.Success && cancelled ? ExitCodes.Cancelled : result;
    }

    private static void Interrupt(PosixSignalContext context, CancellationTokenSource interrupted)
    {
        context.Cancel = true;
        try
        {
            interrupted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The signal came as the command ended, so there is nothing left to cancel.
        }
    }

    private static async Task<int> ReadBackAsync(PoePort port, TimeSpan offElapsed, bool cancelled, SwitchAuditLog audit, TextWriter output, FaultRecordingModbusClient client)
    {
        Contracts.PointValue value;
        try
        {
            value = await ModbusPointAccess.ReadAsync(client, port.Link.UnitId, port.Point, CancellationToken.None);
        }
        catch (ModbusException exception)
        {
            SwitchLog.PowerCycleFailed(audit.Logger, port.DeviceId, port.PointId, "read-back", exception.GetMessage(CultureInfo.InvariantCulture));
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

        if (cancelled)
        {
            SwitchLog.PowerCycleCancelled(audit.Logger, port.DeviceId, port.PointId, offElapsed.TotalMilliseconds, text);
            output.WriteLine(SwitchText.Format("CancelledPowerOn", port.DeviceId, port.PointId, offElapsed.TotalSeconds, text, ExitCodes.Cancelled));
            return ExitCodes.Success;
        }

        SwitchLog.PowerCycleDone(audit.Logger, port.DeviceId, port.PointId, offElapsed.TotalMilliseconds, text);
        output.WriteLine(SwitchText.Format("PowerOn", port.DeviceId, port.PointId, offElapsed.TotalSeconds, text));
        return ExitCodes.Success;
    }

    /// <summary>
    /// The failure in English for the audit file. A fault on the wire is rendered from its exception; otherwise the
    /// switch answered but the point writer refused or could not confirm the value.
    /// </summary>
    // NOTE: the point writer's own refusals (value check, read-back mismatch) exist only as text in the technician's
    // language, so the audit file records the step and this fixed English text for them.
    private static string AuditError(FaultRecordingModbusClient client) =>
        client.LastFault?.GetMessage(CultureInfo.InvariantCulture) ?? "the switch did not accept or confirm the value";

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
