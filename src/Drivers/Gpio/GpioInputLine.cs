using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>
/// An input line with a debounce filter. Every edge restarts a window of <see cref="GpioPointOptions.Debounce"/>;
/// when a window ends without another edge the line is read again, and a state that differs from the last
/// published one is reported. A contact that bounces several times within the window therefore gives one change,
/// after the level was stable for the whole window. System.Device.Gpio 4.2 has no debounce of its own.
/// </summary>
internal sealed class GpioInputLine
{
    private readonly GpioController _controller;
    private readonly TimeProvider _timeProvider;
    private readonly Action<GpioInputLine, bool> _onState;
    private readonly Action<GpioInputLine, Exception> _onReadFailed;
    private readonly Lock _sync = new();
    private ITimer? _debounceTimer;
    private bool _active;
    private bool _callbackRegistered;

    /// <param name="onState">Receives the initial state and every debounced change, under the line's lock so that they keep their order.</param>
    /// <param name="onReadFailed">Receives a failed read at the end of a debounce window.</param>
    public GpioInputLine(
        GpioPointOptions options,
        GpioController controller,
        TimeProvider timeProvider,
        Action<GpioInputLine, bool> onState,
        Action<GpioInputLine, Exception> onReadFailed)
    {
        Options = options;
        _controller = controller;
        _timeProvider = timeProvider;
        _onState = onState;
        _onReadFailed = onReadFailed;
    }

    public GpioPointOptions Options { get; }

    public bool IsOpen { get; private set; }

    public string? FaultReason { get; set; }

    /// <summary>Opens the line with the bias that keeps an open dry contact inactive, registers the edge callback and reports the initial state.</summary>
    public void Open()
    {
        try
        {
            _controller.OpenPin(Options.Pin, ChooseMode());

            lock (_sync)
            {
                _debounceTimer = _timeProvider.CreateTimer(OnDebounceElapsed, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _controller.RegisterCallbackForPinValueChangedEvent(Options.Pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
                _callbackRegistered = true;
                _active = GpioLevels.ToActive(_controller.Read(Options.Pin), Options.ActiveLow);
                IsOpen = true;
                FaultReason = null;
                _onState(this, _active);
            }
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>Stops reporting: removes the edge callback and the debounce timer, then releases the line.</summary>
    public void Close()
    {
        lock (_sync)
        {
            IsOpen = false;
            _debounceTimer?.Dispose();
            _debounceTimer = null;
        }

        if (!_controller.IsPinOpen(Options.Pin))
        {
            return;
        }

        // libgpiod drivers reject removing a callback that was never added.
        if (_callbackRegistered)
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(Options.Pin, OnEdge);
            _callbackRegistered = false;
        }

        _controller.ClosePin(Options.Pin);
    }

    private PinMode ChooseMode() => GpioInputBias.InputMode(_controller, Options.Pin, Options.ActiveLow);

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        lock (_sync)
        {
            if (!IsOpen)
            {
                return;
            }

            if (Options.Debounce <= TimeSpan.Zero)
            {
                ReadAndReport();
                return;
            }

            _debounceTimer?.Change(Options.Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDebounceElapsed(object? state)
    {
        lock (_sync)
        {
            if (IsOpen)
            {
                ReadAndReport();
            }
        }
    }

    private void ReadAndReport()
    {
        bool active;
        try
        {
            active = GpioLevels.ToActive(_controller.Read(Options.Pin), Options.ActiveLow);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _onReadFailed(this, exception);
            return;
        }

        if (active == _active)
        {
            return;
        }

        _active = active;
        _onState(this, active);
    }
}
