namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>MQTT protocol version spoken to the district broker.</summary>
public enum DistrictProtocol
{
    /// <summary>MQTT 5.0, written "5" in the file.</summary>
    Mqtt5,

    /// <summary>MQTT 3.1.1, written "3.1.1" in the file.</summary>
    Mqtt311,
}
