namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>One field device; the derived type is its kind.</summary>
public abstract record DeviceConfiguration
{
    /// <summary>Device id of letters, digits, '-' and '_' (no '.', because point ids are written device.point).</summary>
    public required string Id { get; init; }

    /// <summary>Display name for the console, for example 201 教室空气质量传感器.</summary>
    public string? Name { get; init; }
}
