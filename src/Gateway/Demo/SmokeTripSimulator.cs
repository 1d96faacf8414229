using System.Device.Gpio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

namespace SmartCampus.Edge.Gateway.Demo;

/// <summary>
/// Trips a simulated smoke contact once for the demo campus: active after <c>after</c>, back to normal after
/// <c>hold</c>. It also logs every change of the simulated outputs, so the siren is visible in the log.
/// </summary>
internal sealed partial class SmokeTripSimulator(
    SmokeTripSimulatorConfiguration configuration,
    SimulatedGpioDriver driver,
    int pin,
    bool activeLow,
    TimeProvider timeProvider,
    ILogger<SmokeTripSimulator> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        driver.OutputChanged += OnOutputChanged;
        driver.SetInputLevel(pin, Level(active: false));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        driver.OutputChanged -= OnOutputChanged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(configuration.After, timeProvider, stoppingToken);
            LogTripped(logger, configuration.Point, pin, configuration.Hold.TotalSeconds);
            driver.SetInputLevel(pin, Level(active: true));

            await Task.Delay(configuration.Hold, timeProvider, stoppingToken);
            LogReleased(logger, configuration.Point, pin);
            driver.SetInputLevel(pin, Level(active: false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private PinValue Level(bool active) => active != activeLow ? PinValue.High : PinValue.Low;

    private void OnOutputChanged(object sender, PinValueChangedEventArgs args) =>
        LogOutputChanged(logger, args.PinNumber, args.ChangeType == PinEventTypes.Rising ? "high" : "low");

    [LoggerMessage(EventId = 1060, Level = LogLevel.Warning, Message = "Demo: smoke contact {Point} (pin {Pin}) tripped for {HoldSeconds} s")]
    private static partial void LogTripped(ILogger logger, PointId point, int pin, double holdSeconds);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Information, Message = "Demo: smoke contact {Point} (pin {Pin}) back to normal")]
    private static partial void LogReleased(ILogger logger, PointId point, int pin);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Information, Message = "Demo: simulated output pin {Pin} is now {Level}")]
    private static partial void LogOutputChanged(ILogger logger, int pin, string level);
}
