namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>One access gate or door controller on the campus broker.</summary>
public sealed class AccessGateOptions
{
    /// <summary>Gate id: the topic level in <c>campus/gates/{gateId}/…</c>, the broker user name and the device id of its points.</summary>
    public required string DeviceId { get; init; }

    public string? Building { get; init; }

    /// <summary>Where the door is, as the school names it, for example "south gate" or "dormitory 3 east".</summary>
    public string? Location { get; init; }

    /// <summary>How long a command waits for the controller's acknowledgement.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
