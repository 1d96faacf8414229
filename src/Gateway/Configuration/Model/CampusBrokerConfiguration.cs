namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The campus MQTT broker that class boards and gates talk to.</summary>
public sealed record CampusBrokerConfiguration
{
    public required CampusBrokerMode Mode { get; init; }

    /// <summary>Embedded: the address to listen on. External: the broker to connect to.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port, 1 to 65535.</summary>
    public required int Port { get; init; }

    /// <summary>The gateway's own account on the campus broker.</summary>
    public required string Username { get; init; }

    public required string Password { get; init; }
}
