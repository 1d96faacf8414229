namespace SmartCampus.Edge.Contracts;

/// <summary>One reading of one point.</summary>
/// <param name="Point">The point read.</param>
/// <param name="Value">Value in engineering units; <see cref="PointValue.None"/> when the read failed.</param>
/// <param name="Quality">Whether the value can be trusted.</param>
/// <param name="GatewayTime">Wall-clock time on the gateway when the value was read.</param>
/// <param name="Monotonic">Monotonic stamp of the same moment.</param>
/// <param name="SourceTime">Time stamped by the device itself, when it sends one.</param>
public sealed record Sample(
    PointId Point,
    PointValue Value,
    Quality Quality,
    DateTimeOffset GatewayTime,
    MonotonicStamp Monotonic,
    DateTimeOffset? SourceTime = null);
