namespace SmartCampus.Edge.Contracts;

/// <summary>Something that happened at a device: it went online or offline, a card was swiped, a door was forced.</summary>
/// <param name="DeviceId">The device the event belongs to.</param>
/// <param name="Type">One of <see cref="DeviceEventTypes"/> or a device family's own type name.</param>
/// <param name="GatewayTime">Wall-clock time on the gateway when the event was seen.</param>
/// <param name="Monotonic">Monotonic stamp of the same moment.</param>
/// <param name="Attributes">Event details, such as a card UID or a fault reason.</param>
public sealed record DeviceEvent(
    string DeviceId,
    string Type,
    DateTimeOffset GatewayTime,
    MonotonicStamp Monotonic,
    IReadOnlyDictionary<string, string>? Attributes = null);
