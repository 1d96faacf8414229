namespace SmartCampus.Edge.Contracts;

/// <summary>Event type names shared by every driver; the district receives them verbatim.</summary>
public static class DeviceEventTypes
{
    public const string Online = "online";

    public const string Offline = "offline";

    /// <summary>The driver cannot use the device at all, for example a GPIO line held by another consumer.</summary>
    public const string Fault = "fault";
}
