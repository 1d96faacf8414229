namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Where the host, port and account of a campus broker connection came from, as a technician would change them:
/// campus.yaml keys for the gateway, or the command-line options and environment variable that overrode them.
/// A connect failure text names these, so that the advice points at the value that was really used.
/// </summary>
public sealed record CampusBrokerSettingNames(string Host, string Port, string Username, string Password)
{
    /// <summary>The campus.yaml keys: everything came from the configuration.</summary>
    public static CampusBrokerSettingNames Configuration { get; } =
        new("campusBroker.host", "campusBroker.port", "campusBroker.username", "campusBroker.password");
}
