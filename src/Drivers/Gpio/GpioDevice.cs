using System.Device.Gpio;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>
/// GPIO lines of one device as points: debounced inputs and outputs with a safe state. Each point publishes a
/// boolean sample, true when active. A line that fails to open is reported as a fault with a bad sample and is
/// retried with backoff, while the other lines keep working.
/// </summary>
public sealed class GpioDevice : IDeviceDriver
{
    private readonly GpioDeviceOptions _options;
    private readonly GpioController _controller;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, GpioInputLine> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GpioOutputLine> _outputs = new(StringComparer.Ordinal);
    private readonly Channel<GpioRecord> _records = Channel.CreateUnbounded<GpioRecord>(new UnboundedChannelOptions { SingleReader = true });

    // Serialises writes with start, stop and dispose, so that no write lands after the safe state on stop.
    private readonly Lock _outputGate = new();
    private int _started;
    private bool _running;
    private bool _disposed;

    /// <param name="controller">Controller from <see cref="GpioControllerFactory"/>; the device owns it and disposes it.</param>
    public GpioDevice(GpioDeviceOptions options, GpioController controller, GatewayClock clock, ILogger<GpioDevice> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        GpioDeviceOptionsValidator.ThrowIfInvalid(options);

        _options = options;
        _controller = controller;
        _clock = clock;
        _logger = logger;

        foreach (var point in options.Points)
        {
            if (point.Direction == GpioDirection.Input)
            {
                _inputs.Add(point.Name, new GpioInputLine(point, controller, clock.TimeProvider, OnInputState, OnInputReadFailed));
            }
            else
            {
                _outputs.Add(point.Name, new GpioOutputLine(point, controller));
            }
        }
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Opens the lines (outputs first, at their safe state), then forwards samples and events until cancelled; outputs return to their safe state on the way out.</summary>
    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"GPIO device '{DeviceId}' is already running; RunAsync may be called once.");
        }

        OpenAllLines();
        var retries = RetryFailedLinesAsync(cancellationToken);

        try
        {
            await ForwardRecordsAsync(sink, cancellationToken);
        }
        finally
        {
            StopLines();
            await retries;
            GpioLog.Stopped(_logger, DeviceId);
        }
    }

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);

        lock (_outputGate)
        {
            return ValueTask.FromResult(Write(point, value));
        }
    }

    /// <summary>Drives every open output to its safe state, releases the lines and disposes the controller.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_outputGate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
            _running = false;
        }

        DriveSafeStates("dispose");
        foreach (var line in _inputs.Values)
        {
            CloseLine(line.Options, line.Close);
        }

        foreach (var line in _outputs.Values)
        {
            CloseLine(line.Options, line.Close);
        }

        _records.Writer.TryComplete();
        _controller.Dispose();
        return ValueTask.CompletedTask;
    }

    private DriverWriteResult Write(string point, PointValue value)
    {
        if (!_running)
        {
            return DriverWriteResult.Failure(GpioText.DeviceNotRunning(DeviceId));
        }

        if (_inputs.TryGetValue(point, out var input))
        {
            return DriverWriteResult.Failure(GpioText.PointIsInput(DeviceId, point, input.Options.Pin));
        }

        if (!_outputs.TryGetValue(point, out var output))
        {
            return DriverWriteResult.Failure(GpioText.UnknownPoint(DeviceId, point));
        }

        if (!TryGetBoolean(value, out var active))
        {
            return DriverWriteResult.Failure(GpioText.ValueNotBoolean(DeviceId, point, value.ToString()));
        }

        if (!output.IsOpen)
        {
            return DriverWriteResult.Failure(GpioText.LineUnavailable(DeviceId, point, output.Options.Pin, output.FaultReason ?? string.Empty));
        }

        try
        {
            output.PulseTimer?.Dispose();
            output.PulseTimer = null;
            output.Drive(active);
            if (active != output.Options.SafeState && output.Options.OutputMode == GpioOutputMode.Pulse)
            {
                output.PulseTimer = _clock.TimeProvider.CreateTimer(_ => EndPulse(output), null, output.Options.PulseDuration, Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            GpioLog.WriteFailed(_logger, DeviceId, point, output.Options.Pin, exception);
            GpioMetrics.RecordOutputWrite(DeviceId, point, succeeded: false);
            return DriverWriteResult.Failure(GpioText.LineUnavailable(DeviceId, point, output.Options.Pin, exception.Message));
        }

        GpioLog.OutputWritten(_logger, DeviceId, point, output.Options.Pin, active);
        GpioMetrics.RecordOutputWrite(DeviceId, point, succeeded: true);
        EnqueueSample(point, PointValue.FromBoolean(active), Quality.Good);
        return DriverWriteResult.Success;
    }

    private void EndPulse(GpioOutputLine output)
    {
        lock (_outputGate)
        {
            output.PulseTimer?.Dispose();
            output.PulseTimer = null;
            if (!_running || !output.IsOpen)
            {
                return;
            }

            try
            {
                output.Drive(output.Options.SafeState);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException)
            {
                GpioLog.SafeStateFailed(_logger, DeviceId, output.Options.Name, output.Options.Pin, "pulse end", exception);
                return;
            }
        }

        GpioLog.SafeStateDriven(_logger, DeviceId, output.Options.Name, output.Options.Pin, output.Options.SafeState, "pulse end");
        EnqueueSample(output.Options.Name, PointValue.FromBoolean(output.Options.SafeState), Quality.Good);
    }

    private static bool TryGetBoolean(PointValue value, out bool active)
    {
        active = value.Boolean;
        if (value.Kind == PointValueKind.Boolean)
        {
            return true;
        }

        active = value.Number == 1;
        return value.Kind == PointValueKind.Number && value.Number is 0 or 1;
    }

    private void OpenAllLines()
    {
        lock (_outputGate)
        {
            foreach (var line in _outputs.Values)
            {
                TryOpenLine(line.Options, line.Open, reason => line.FaultReason = reason, isRetry: false, TimeSpan.Zero);
            }

            _running = true;
        }

        foreach (var line in _inputs.Values)
        {
            TryOpenLine(line.Options, line.Open, reason => line.FaultReason = reason, isRetry: false, TimeSpan.Zero);
        }

        var openLines = _inputs.Values.Count(l => l.IsOpen) + _outputs.Values.Count(l => l.IsOpen);
        GpioLog.Started(_logger, DeviceId, openLines, _options.Points.Count);

        // A GPIO chip has no connection that could drop, so the device is online once any line opened.
        // A line that did not open is reported as a fault of its own.
        if (openLines > 0)
        {
            var online = new DeviceEvent(DeviceId, DeviceEventTypes.Online, _clock.UtcNow, _clock.Stamp(), new Dictionary<string, string>(StringComparer.Ordinal));
            _records.Writer.TryWrite(new GpioRecord(null, online));
        }
    }

    /// <summary>Opens one line; a failure becomes a fault event and a bad sample on the first attempt, and a log line on retries.</summary>
    private bool TryOpenLine(GpioPointOptions point, Action open, Action<string> setFault, bool isRetry, TimeSpan nextDelay)
    {
        try
        {
            open();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException
                                              or ArgumentException or NotSupportedException or PlatformNotSupportedException)
        {
            var reason = DescribeOpenFailure(point, exception);
            setFault(reason);
            if (isRetry)
            {
                GpioLog.LineStillUnavailable(_logger, DeviceId, point.Name, point.Pin, nextDelay.TotalSeconds, exception.Message);
                return false;
            }

            GpioLog.LineOpenFailed(_logger, DeviceId, point.Name, point.Pin, exception.Message, exception);
            EnqueueFault(point, reason);
            EnqueueSample(point.Name, PointValue.None, Quality.Bad);
            return false;
        }

        if (isRetry)
        {
            GpioLog.LineRecovered(_logger, DeviceId, point.Name, point.Pin);
        }

        if (point.Direction == GpioDirection.Output)
        {
            EnqueueSample(point.Name, PointValue.FromBoolean(point.SafeState), Quality.Good);
        }

        return true;
    }

    private string DescribeOpenFailure(GpioPointOptions point, Exception exception)
    {
        var hint = exception switch
        {
            UnauthorizedAccessException => GpioText.LineAccessDeniedHint,
            IOException => GpioText.LineBusyHint,
            _ => GpioText.LineOtherHint,
        };

        return $"{GpioText.LineOpenFailed(point.Pin, $"{DeviceId}.{point.Name}", exception.Message)} {hint}";
    }

    private async Task RetryFailedLinesAsync(CancellationToken cancellationToken)
    {
        var delay = _options.LineRetryDelay;
        while (!cancellationToken.IsCancellationRequested && HasFailedLines())
        {
            try
            {
                await Task.Delay(delay, _clock.TimeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxLineRetryDelay.Ticks));
            RetryFailedLines(delay);
        }
    }

    private void RetryFailedLines(TimeSpan nextDelay)
    {
        lock (_outputGate)
        {
            if (!_running)
            {
                return;
            }

            foreach (var line in _outputs.Values.Where(l => !l.IsOpen))
            {
                TryOpenLine(line.Options, line.Open, reason => line.FaultReason = reason, isRetry: true, nextDelay);
            }
        }

        foreach (var line in _inputs.Values.Where(l => !l.IsOpen))
        {
            TryOpenLine(line.Options, line.Open, reason => line.FaultReason = reason, isRetry: true, nextDelay);
        }
    }

    private bool HasFailedLines() =>
        _inputs.Values.Any(l => !l.IsOpen) || _outputs.Values.Any(l => !l.IsOpen);

    private async Task ForwardRecordsAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in _records.Reader.ReadAllAsync(cancellationToken))
            {
                await ForwardAsync(sink, record, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal.
        }
    }

    private async Task ForwardAsync(IFieldSink sink, GpioRecord record, CancellationToken cancellationToken)
    {
        try
        {
            if (record.Sample is not null)
            {
                await sink.PublishSampleAsync(record.Sample, cancellationToken);
            }

            if (record.Event is not null)
            {
                await sink.PublishEventAsync(record.Event, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            GpioLog.SinkFailed(_logger, DeviceId, exception);
        }
    }

    private void StopLines()
    {
        lock (_outputGate)
        {
            _running = false;
        }

        DriveSafeStates("stop");
        foreach (var line in _inputs.Values)
        {
            CloseLine(line.Options, line.Close);
        }
    }

    private void DriveSafeStates(string occasion)
    {
        lock (_outputGate)
        {
            foreach (var line in _outputs.Values.Where(l => l.IsOpen))
            {
                line.PulseTimer?.Dispose();
                line.PulseTimer = null;
                try
                {
                    line.Drive(line.Options.SafeState);
                    GpioLog.SafeStateDriven(_logger, DeviceId, line.Options.Name, line.Options.Pin, line.Options.SafeState, occasion);
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    GpioLog.SafeStateFailed(_logger, DeviceId, line.Options.Name, line.Options.Pin, occasion, exception);
                }
            }
        }
    }

    private void CloseLine(GpioPointOptions point, Action close)
    {
        try
        {
            close();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
        {
            GpioLog.LineCloseFailed(_logger, DeviceId, point.Name, point.Pin, exception);
        }
    }

    private void OnInputState(GpioInputLine line, bool active)
    {
        GpioLog.InputChanged(_logger, DeviceId, line.Options.Name, line.Options.Pin, active);
        GpioMetrics.RecordInputChange(DeviceId, line.Options.Name);
        EnqueueSample(line.Options.Name, PointValue.FromBoolean(active), Quality.Good);
    }

    private void OnInputReadFailed(GpioInputLine line, Exception exception)
    {
        GpioLog.InputReadFailed(_logger, DeviceId, line.Options.Name, line.Options.Pin, exception);
        EnqueueSample(line.Options.Name, PointValue.None, Quality.Bad);
    }

    private void EnqueueSample(string point, PointValue value, Quality quality)
    {
        var sample = new Sample(new PointId(DeviceId, point), value, quality, _clock.UtcNow, _clock.Stamp());
        _records.Writer.TryWrite(new GpioRecord(sample, null));
    }

    private void EnqueueFault(GpioPointOptions point, string reason)
    {
        GpioMetrics.RecordLineFault(DeviceId, point.Name);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["point"] = point.Name,
            ["pin"] = point.Pin.ToString(CultureInfo.InvariantCulture),
            ["reason"] = reason,
        };

        var deviceEvent = new DeviceEvent(DeviceId, DeviceEventTypes.Fault, _clock.UtcNow, _clock.Stamp(), attributes);
        _records.Writer.TryWrite(new GpioRecord(null, deviceEvent));
    }
}
