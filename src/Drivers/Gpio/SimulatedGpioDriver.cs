using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>
/// A bank of simulated GPIO lines for machines without GPIO (a laptop, CI, the demo) and for tests. Inputs are
/// driven from code with <see cref="SetInputLevel"/>, which raises the registered edge callbacks on the caller's
/// thread. Output levels are visible through <see cref="GetLevel"/> and <see cref="OutputChanged"/>. A line can be
/// made to fail on open as busy or as access denied, like a line held by a kernel driver or a missing group.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    public const int DefaultPinCount = 64;

    private readonly Lock _sync = new();
    private readonly SimulatedLine[] _lines;

    public SimulatedGpioDriver(int pinCount = DefaultPinCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);

        _lines = new SimulatedLine[pinCount];
        for (var i = 0; i < pinCount; i++)
        {
            _lines[i] = new SimulatedLine();
        }
    }

    /// <summary>Raised after an output line changes level; the event's change type is Rising or Falling.</summary>
    public event PinChangeEventHandler? OutputChanged;

    protected override int PinCount => _lines.Length;

    /// <summary>Drives an input line from outside, as a contact or a sensor would. Raises edge callbacks when the level changes.</summary>
    public void SetInputLevel(int pin, PinValue level)
    {
        PinEventTypes edge;
        List<PinChangeEventHandler> handlers = [];
        List<TaskCompletionSource<PinEventTypes>> waiters = [];

        lock (_sync)
        {
            var line = GetLine(pin);
            var before = line.Level;
            line.ExternalLevel = level;
            var after = line.Level;

            if (before == after || !line.IsOpen || line.Mode == PinMode.Output)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            CollectListeners(line, edge, handlers, waiters);
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(edge);
        }
    }

    /// <summary>Current level of a line: the written level of an output, the driven or biased level of an input.</summary>
    public PinValue GetLevel(int pin)
    {
        lock (_sync)
        {
            return GetLine(pin).Level;
        }
    }

    public bool IsLineOpen(int pin)
    {
        lock (_sync)
        {
            return GetLine(pin).IsOpen;
        }
    }

    /// <summary>Makes the next opens of <paramref name="pin"/> fail as busy, held by <paramref name="consumer"/>.</summary>
    public void SimulateBusy(int pin, string consumer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);

        lock (_sync)
        {
            GetLine(pin).BusyConsumer = consumer;
        }
    }

    /// <summary>Makes the next opens of <paramref name="pin"/> fail with access denied.</summary>
    public void SimulateAccessDenied(int pin)
    {
        lock (_sync)
        {
            GetLine(pin).AccessDenied = true;
        }
    }

    /// <summary>Removes a simulated busy or access-denied fault, so that the line opens again.</summary>
    public void ClearLineFault(int pin)
    {
        lock (_sync)
        {
            var line = GetLine(pin);
            line.BusyConsumer = null;
            line.AccessDenied = false;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_sync)
        {
            var line = GetLine(pinNumber);
            if (line.AccessDenied)
            {
                throw new UnauthorizedAccessException($"Access to GPIO line {pinNumber} is denied (simulated).");
            }

            if (line.BusyConsumer is not null)
            {
                throw new IOException($"Pin {pinNumber} not available: Device or resource busy, held by consumer '{line.BusyConsumer}' (simulated).");
            }

            line.IsOpen = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        List<TaskCompletionSource<PinEventTypes>> waiters;

        lock (_sync)
        {
            var line = GetLine(pinNumber);
            line.IsOpen = false;
            line.Callbacks.Clear();
            waiters = line.Waiters.ConvertAll(w => w.Waiter);
            line.Waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetCanceled();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_sync)
        {
            GetOpenLine(pinNumber).Mode = mode;
        }
    }

    // Writes the level before switching to output, so that the line never shows the other level in between.
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_sync)
        {
            var line = GetOpenLine(pinNumber);
            if (mode == PinMode.Output)
            {
                line.OutputLevel = initialValue;
            }

            line.Mode = mode;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_sync)
        {
            return GetOpenLine(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        pinNumber >= 0 && pinNumber < _lines.Length;

    protected override PinValue Read(int pinNumber)
    {
        lock (_sync)
        {
            return GetOpenLine(pinNumber).Level;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        PinEventTypes edge;

        lock (_sync)
        {
            var line = GetOpenLine(pinNumber);
            if (line.Mode != PinMode.Output)
            {
                throw new InvalidOperationException($"GPIO line {pinNumber} is not an output (mode {line.Mode}).");
            }

            if (line.OutputLevel == value)
            {
                return;
            }

            line.OutputLevel = value;
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        }

        OutputChanged?.Invoke(this, new PinValueChangedEventArgs(edge, pinNumber));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        WaitForEventAsync(pinNumber, eventTypes, cancellationToken).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            GetOpenLine(pinNumber).Waiters.Add((eventTypes, waiter));
        }

        try
        {
            var edge = await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new WaitForEventResult { EventTypes = edge, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            lock (_sync)
            {
                GetLine(pinNumber).Waiters.RemoveAll(w => w.Waiter == waiter);
            }
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ArgumentNullException.ThrowIfNull(callback);

        lock (_sync)
        {
            GetOpenLine(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_sync)
        {
            GetOpenLine(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private static void CollectListeners(
        SimulatedLine line,
        PinEventTypes edge,
        List<PinChangeEventHandler> handlers,
        List<TaskCompletionSource<PinEventTypes>> waiters)
    {
        foreach (var (types, handler) in line.Callbacks)
        {
            if ((types & edge) != 0)
            {
                handlers.Add(handler);
            }
        }

        foreach (var (types, waiter) in line.Waiters)
        {
            if ((types & edge) != 0)
            {
                waiters.Add(waiter);
            }
        }
    }

    private SimulatedLine GetLine(int pin)
    {
        if (pin < 0 || pin >= _lines.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"The simulated GPIO bank has lines 0 to {_lines.Length - 1}.");
        }

        return _lines[pin];
    }

    private SimulatedLine GetOpenLine(int pin)
    {
        var line = GetLine(pin);
        return line.IsOpen ? line : throw new InvalidOperationException($"GPIO line {pin} is not open.");
    }
}
