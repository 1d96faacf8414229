using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Support;

/// <summary>An <see cref="IFieldSink"/> that keeps everything published, in order, and lets a test wait for a count.</summary>
public sealed class ModbusRecordingSink : IFieldSink
{
    private readonly Lock _lock = new();
    private readonly List<Sample> _samples = [];
    private readonly List<DeviceEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<DeviceEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _samples.Add(sample);
            Pulse();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add(deviceEvent);
            Pulse();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> samples arrived; false if <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForSamplesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_samples.Count >= count)
                {
                    return true;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
