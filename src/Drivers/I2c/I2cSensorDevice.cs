using System.Device.I2c;
using System.Globalization;
using Iot.Device.Sht3x;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>
/// A sensor chip on the gateway's own I2C bus, read through its Iot.Device.Bindings driver every poll interval.
/// An SHT3x gives the points <c>temperature</c> (°C) and <c>humidity</c> (%RH). A failed read marks every point
/// bad, raises a fault event once, closes the bus and opens it again after a backoff.
/// </summary>
public sealed class I2cSensorDevice : IDeviceDriver
{
    public const string TemperaturePoint = "temperature";
    public const string HumidityPoint = "humidity";

    private readonly I2cSensorOptions _options;
    private readonly Func<I2cConnectionSettings, I2cDevice> _openBus;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private int _started;

    /// <param name="openBus">Opens the I2C device; null uses <see cref="I2cDevice.Create"/>, tests pass a fake.</param>
    public I2cSensorDevice(I2cSensorOptions options, GatewayClock clock, ILogger<I2cSensorDevice> logger, Func<I2cConnectionSettings, I2cDevice>? openBus = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DeviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BusId, nameof(options));
        if (options.Address is < 0x08 or > 0x77)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Address, $"I2C address 0x{options.Address:X2} of '{options.DeviceId}' is invalid: expected a 7-bit address from 0x08 to 0x77, for example 0x44.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryDelay, TimeSpan.Zero, nameof(options));

        _options = options;
        _clock = clock;
        _logger = logger;
        _openBus = openBus ?? I2cDevice.Create;
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Point names this model publishes.</summary>
    public static IReadOnlyList<string> PointsOf(I2cSensorModel model) => model switch
    {
        I2cSensorModel.Sht3x => [TemperaturePoint, HumidityPoint],
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "No points are defined for this model."),
    };

    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"I2C sensor '{DeviceId}' is already running; RunAsync may be called once.");
        }

        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var bus = new Sht3xFrameCheck(_openBus(new I2cConnectionSettings(_options.BusId, _options.Address)));
                using var sensor = new Sht3x(bus, Resolution.High);
                I2cSensorLog.Opened(_logger, DeviceId, _options.Model, _options.BusId, _options.Address);

                while (!cancellationToken.IsCancellationRequested)
                {
                    await PublishReadingAsync(sink, sensor, bus, cancellationToken);
                    failures = 0;
                    await Task.Delay(_options.PollInterval, _clock.TimeProvider, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or PlatformNotSupportedException)
            {
                // A missing /dev/i2c-N, a missing permission or a chip that does not respond: all of them are
                // retried, because a technician may fix the wiring or the group membership while the gateway runs.
                failures++;
                var delay = RetryDelay(failures);
                I2cSensorLog.Failed(_logger, DeviceId, _options.BusId, _options.Address, delay.TotalSeconds, exception.Message, exception);
                if (failures == 1)
                {
                    await PublishFaultAsync(sink, exception.Message, cancellationToken);
                }

                await DelayQuietlyAsync(delay, cancellationToken);
            }
        }
    }

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DriverWriteResult.Failure(I2cSensorText.PointsReadOnly(DeviceId, point)));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PublishReadingAsync(IFieldSink sink, Sht3x sensor, Sht3xFrameCheck bus, CancellationToken cancellationToken)
    {
        // Each property starts one measurement, so the frame check is read right after each.
        var temperature = sensor.Temperature.DegreesCelsius;
        var temperatureValid = bus.LastFrameValid;
        var humidity = sensor.Humidity.Percent;
        var humidityValid = bus.LastFrameValid;
        await PublishAsync(sink, TemperaturePoint, temperatureValid ? temperature : double.NaN, -45, 130, cancellationToken);
        await PublishAsync(sink, HumidityPoint, humidityValid ? humidity : double.NaN, 0, 100, cancellationToken);
    }

    /// <summary>Publishes a value inside the chip's measuring range (SHT3x datasheet: −45 to 130 °C, 0 to 100 %RH) as good, anything else as bad.</summary>
    private async Task PublishAsync(IFieldSink sink, string point, double value, double minimum, double maximum, CancellationToken cancellationToken)
    {
        var good = double.IsFinite(value) && value >= minimum && value <= maximum;
        if (!good)
        {
            I2cSensorLog.BadReading(_logger, DeviceId, point);
        }

        var sample = new Sample(
            new PointId(DeviceId, point),
            good ? PointValue.FromNumber(Math.Round(value, 2)) : PointValue.None,
            good ? Quality.Good : Quality.Bad,
            _clock.UtcNow,
            _clock.Stamp());
        await sink.PublishSampleAsync(sample, cancellationToken);
    }

    private async Task PublishFaultAsync(IFieldSink sink, string reason, CancellationToken cancellationToken)
    {
        foreach (var point in PointsOf(_options.Model))
        {
            await sink.PublishSampleAsync(new Sample(new PointId(DeviceId, point), PointValue.None, Quality.Bad, _clock.UtcNow, _clock.Stamp()), cancellationToken);
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = reason,
            ["bus"] = _options.BusId.ToString(CultureInfo.InvariantCulture),
            ["address"] = "0x" + _options.Address.ToString("X2", CultureInfo.InvariantCulture),
        };
        await sink.PublishEventAsync(new DeviceEvent(DeviceId, DeviceEventTypes.Fault, _clock.UtcNow, _clock.Stamp(), attributes), cancellationToken);
    }

    private TimeSpan RetryDelay(int failures)
    {
        var exponent = Math.Min(failures - 1, 16);
        return TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks * (1L << exponent), _options.MaxRetryDelay.Ticks));
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _clock.TimeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal.
        }
    }
}
