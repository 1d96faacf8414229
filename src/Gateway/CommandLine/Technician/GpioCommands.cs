using System.Device.Gpio;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using GpioDirection = SmartCampus.Edge.Gateway.Configuration.Model.Devices.GpioDirection;
using ConfigGpioDriverKind = SmartCampus.Edge.Gateway.Configuration.Model.Devices.GpioDriverKind;
using DriverGpioDriverKind = SmartCampus.Edge.Drivers.Gpio.GpioDriverKind;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// <c>smartcampus-edge gpio read|pulse DEVICE.POINT --config FILE</c>: reads a GPIO point, or drives an output to
/// its active value for a time and back to its safe state, with the driver campus.yaml names (hardware or
/// simulated). Both exit with code 3 while the gateway runs, because the gateway owns the lines and its rules drive them.
/// </summary>
internal static class GpioCommands
{
    /// <summary>Longest pulse: a siren or a door strike must not stay on because of a typo.</summary>
    public static readonly TimeSpan MaxPulse = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DefaultPulse = TimeSpan.FromSeconds(1);

    public static int Read(SiteConfiguration site, string pointId, TextWriter output, TextWriter error, Func<DriverGpioDriverKind, GpioControllerHandle> openController)
    {
        if (!TryFindPoint(site, pointId, error, out var device, out var point))
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (IsGatewayRunning(site, error))
        {
            return ExitCodes.InstanceLocked;
        }

        try
        {
            using var controller = openController(ToDriverKind(device.Driver)).Controller;
            // The gateway biases an input by its activeLow; the same bias here makes both read an open contact alike.
            var mode = point.Direction == GpioDirection.Input ? GpioInputBias.InputMode(controller, point.Pin, point.ActiveLow) : PinMode.Output;
            controller.OpenPin(point.Pin, mode);
            var level = controller.Read(point.Pin);
            controller.ClosePin(point.Pin);

            output.WriteLine(TechnicianText.Format("GpioLevel", pointId, point.Pin, Level(level), Logical(level, point.ActiveLow)));
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine(TechnicianText.Format("GpioUnavailable", pointId, point.Pin, exception.Message));
            return ExitCodes.Unavailable;
        }
    }

    public static async Task<int> PulseAsync(
        SiteConfiguration site,
        string pointId,
        TimeSpan? duration,
        TextWriter output,
        TextWriter error,
        Func<DriverGpioDriverKind, GpioControllerHandle> openController,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!TryFindPoint(site, pointId, error, out var device, out var point))
        {
            return ExitCodes.InvalidConfiguration;
        }

        if (IsGatewayRunning(site, error))
        {
            return ExitCodes.InstanceLocked;
        }

        if (point.Direction != GpioDirection.Output)
        {
            error.WriteLine(TechnicianText.Format("GpioNotOutput", pointId, point.Pin));
            return ExitCodes.InvalidConfiguration;
        }

        var length = duration ?? point.Pulse ?? DefaultPulse;
        if (length <= TimeSpan.Zero || length > MaxPulse)
        {
            error.WriteLine(TechnicianText.Format("GpioPulseInvalid", length.TotalMilliseconds, MaxPulse.TotalSeconds));
            return ExitCodes.InvalidConfiguration;
        }

        var activeLevel = LevelOf(!point.SafeState, point.ActiveLow);
        var safeLevel = LevelOf(point.SafeState, point.ActiveLow);
        try
        {
            using var controller = openController(ToDriverKind(device.Driver)).Controller;
            controller.OpenPin(point.Pin, PinMode.Output, safeLevel);
            try
            {
                controller.Write(point.Pin, activeLevel);
                output.WriteLine(TechnicianText.Format("GpioPulseStarted", pointId, point.Pin, Level(activeLevel), length.TotalMilliseconds));
                await Task.Delay(length, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.WriteLine(TechnicianText.Format("GpioPulseCancelled", pointId));
            }
            finally
            {
                // Back to the safe state even when the wait was cancelled (Ctrl+C).
                controller.Write(point.Pin, safeLevel);
                controller.ClosePin(point.Pin);
            }

            output.WriteLine(TechnicianText.Format("GpioPulseEnded", pointId, point.Pin, Level(safeLevel)));
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine(TechnicianText.Format("GpioUnavailable", pointId, point.Pin, exception.Message));
            return ExitCodes.Unavailable;
        }
    }

    private static bool TryFindPoint(SiteConfiguration site, string pointId, TextWriter error, out GpioDeviceConfiguration device, out GpioPointConfiguration point)
    {
        device = null!;
        point = null!;
        var dot = pointId.IndexOf('.', StringComparison.Ordinal);
        var deviceId = dot > 0 ? pointId[..dot] : pointId;
        var pointName = dot > 0 ? pointId[(dot + 1)..] : string.Empty;

        var found = site.Devices.OfType<GpioDeviceConfiguration>().FirstOrDefault(candidate => candidate.Id == deviceId);
        var foundPoint = found?.Points.FirstOrDefault(candidate => candidate.Id == pointName);
        if (found is null || foundPoint is null)
        {
            var known = site.Devices.OfType<GpioDeviceConfiguration>().SelectMany(gpio => gpio.Points.Select(p => $"{gpio.Id}.{p.Id}"));
            error.WriteLine(TechnicianText.Format("GpioPointNotFound", pointId, OperatorList.Join(known)));
            return false;
        }

        device = found;
        point = foundPoint;
        return true;
    }

    private static bool IsGatewayRunning(SiteConfiguration site, TextWriter error)
    {
        if (!GatewayProcessProbe.IsRunning(site.Gateway.DataDirectory))
        {
            return false;
        }

        error.WriteLine(TechnicianText.Format("GatewayRunning", site.Gateway.DataDirectory));
        return true;
    }

    private static DriverGpioDriverKind ToDriverKind(ConfigGpioDriverKind kind) =>
        kind == ConfigGpioDriverKind.Hardware ? DriverGpioDriverKind.Hardware : DriverGpioDriverKind.Simulated;

    private static PinValue LevelOf(bool logical, bool activeLow) => logical != activeLow ? PinValue.High : PinValue.Low;

    private static string Level(PinValue level) => TechnicianText.Get(level == PinValue.High ? "GpioLevelHigh" : "GpioLevelLow");

    private static string Logical(PinValue level, bool activeLow) => ((level == PinValue.High) != activeLow) ? "true" : "false";
}
