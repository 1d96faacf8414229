namespace SmartCampus.Edge.Contracts;

/// <summary>
/// Entry of the pipeline that drivers write into. Drivers never call the rule engine or the uplink directly.
/// Both methods may wait while the pipeline is full; they never drop what they were given.
/// </summary>
public interface IFieldSink
{
    ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken);

    ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken);
}
