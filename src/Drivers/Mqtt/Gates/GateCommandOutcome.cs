namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

public enum GateCommandOutcome
{
    /// <summary>The controller acknowledged and carried out the command.</summary>
    Acknowledged,

    /// <summary>The controller acknowledged and reported that it could not carry out the command.</summary>
    Failed,

    /// <summary>No acknowledgement within the gate's command timeout.</summary>
    TimedOut,

    /// <summary>The gateway refused the command, for example because a fire rule keeps the gate open.</summary>
    Rejected,

    /// <summary>The broker did not accept the publish, or the gateway is not connected.</summary>
    NotDelivered,
}
