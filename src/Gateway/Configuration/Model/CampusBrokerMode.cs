namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>Where the campus MQTT broker for class boards and gates runs.</summary>
public enum CampusBrokerMode
{
    /// <summary>An MQTTnet server inside the gateway process listens on host and port.</summary>
    Embedded,

    /// <summary>The gateway connects to a broker that runs elsewhere.</summary>
    External,
}
