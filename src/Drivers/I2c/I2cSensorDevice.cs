using System.Device.I2c;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>
/// A sensor chip on the gateway's own I2C bus, read through its Iot.Device.Bindings driver every poll interval.
/// An SHT3x gives the points <c>temperature</c> (°C) and <c>humidity</c> (%RH), an SCD4x in addition <c>co2</c>
/// (ppm). A failed read marks every point bad, raises a fault event at the first failure of a series, closes the bus
/// and opens it again after a backoff that doubles with each further failure.
/// </summary>
public sealed class I2cSensorDevice : IDeviceDriver
{
    public const string TemperaturePoint = "temperature";
    public const string HumidityPoint = "humidity";
    public const string Co2Point = "co2";

    /// <summary>Wait before asking a chip again that had no measurement ready.</summary>
    public static readonly TimeSpan NotReadyRetry = TimeSpan.FromSeconds(1);

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
        I2cSensorModel.Scd4x => [Co2Point, TemperaturePoint, HumidityPoint],
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
                using var chip = await OpenAsync(cancellationToken);
                I2cSensorLog.Opened(_logger, DeviceId, _options.Model, _options.BusId, _options.Address);

                var waitingSince = _clock.TimeProvider.GetTimestamp();
                while (!cancellationToken.IsCancellationRequested)
                {
                    var readings = chip.Read();
                    if (readings is null)
                    {
                        await WaitForMeasurementAsync(chip, waitingSince, cancellationToken);
                        continue;
                    }

                    await PublishReadingsAsync(sink, readings, cancellationToken);
                    failures = 0;
                    var interval = _options.PollInterval > chip.MinimumInterval ? _options.PollInterval : chip.MinimumInterval;
                    await Task.Delay(interval, _clock.TimeProvider, cancellationToken);
                    waitingSince = _clock.TimeProvider.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or PlatformNotSupportedException)
            {
                // A missing /dev/i2c-N, a missing permission, a chip that does not respond or a frame with a wrong CRC
                // (InvalidDataException): all of them are
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

    private async Task<II2cSensorChip> OpenAsync(CancellationToken cancellationToken)
    {
        var bus = _openBus(new I2cConnectionSettings(_options.BusId, _options.Address));
        try
        {
            return _options.Model switch
            {
                I2cSensorModel.Sht3x => new Sht3xChip(bus, DeviceId),
                I2cSensorModel.Scd4x => await Scd4xChip.StartAsync(bus, DeviceId, _clock.TimeProvider, cancellationToken),
                _ => throw new NotSupportedException($"No chip driver is defined for I2C sensor model {_options.Model}."),
            };
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits <see cref="NotReadyRetry"/> for a chip that has no measurement ready yet. A chip that stays not ready
    /// for three of its measurement periods (at least 15 s) is treated as failed, so it is reopened and restarted.
    /// </summary>
    private async Task WaitForMeasurementAsync(II2cSensorChip chip, long waitingSince, CancellationToken cancellationToken)
    {
        var waited = _clock.TimeProvider.GetElapsedTime(waitingSince);
        var limit = TimeSpan.FromTicks(Math.Max(chip.MinimumInterval.Ticks * 3, TimeSpan.FromSeconds(15).Ticks));
        if (waited >= limit && chip is Scd4xChip scd4x)
        {
            throw scd4x.NoMeasurement(waited);
        }

        I2cSensorLog.NotReady(_logger, DeviceId, waited.TotalMilliseconds);
        await Task.Delay(NotReadyRetry, _clock.TimeProvider, cancellationToken);
    }

    private async Task PublishReadingsAsync(IFieldSink sink, IReadOnlyList<I2cSensorReading> readings, CancellationToken cancellationToken)
    {
        foreach (var reading in readings)
        {
            await PublishAsync(sink, reading.Point, reading.Value, reading.Minimum, reading.Maximum, cancellationToken);
        }
    }

    /// <summary>Publishes a value inside the chip's specified range as good, anything else (NaN after a failed CRC) as bad.</summary>
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
