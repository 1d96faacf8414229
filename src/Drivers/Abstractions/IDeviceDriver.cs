using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Drivers.Abstractions;

/// <summary>
/// One field device (or one bus of devices) as the gateway sees it: it reads on its own schedule, writes samples
/// and events into the pipeline, and accepts writes to its outputs.
/// </summary>
public interface IDeviceDriver : IAsyncDisposable
{
    /// <summary>Id of the device in the site configuration; the first half of each of its point ids.</summary>
    string DeviceId { get; }

    /// <summary>
    /// Runs the device until <paramref name="cancellationToken"/> is cancelled. A device fault marks points bad and
    /// is retried inside; only cancellation ends the task.
    /// </summary>
    Task RunAsync(IFieldSink sink, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="value"/> to the point named <paramref name="point"/> of this device.</summary>
    ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken);
}
