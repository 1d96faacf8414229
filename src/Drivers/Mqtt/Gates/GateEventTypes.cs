namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>
/// Device event types of gates. The first six are also the <c>type</c> values a controller publishes on its
/// <c>event</c> topic; the district receives all of them verbatim.
/// </summary>
public static class GateEventTypes
{
    public const string AccessGranted = "accessGranted";

    /// <summary>Attribute <c>reason</c>: unknownCard, noPermission, outsideTimeProfile, antiPassback or the controller's own word.</summary>
    public const string AccessDenied = "accessDenied";

    public const string ForcedOpen = "forcedOpen";

    public const string HeldOpen = "heldOpen";

    public const string ExitButton = "exitButton";

    public const string Tailgating = "tailgating";

    /// <summary>The controller's status went to offline (its last will, or its own report).</summary>
    public const string ControllerOffline = "controllerOffline";

    /// <summary>Audit record of one command: attributes commandId, command, source, outcome and reason.</summary>
    public const string Command = "gateCommand";

    internal static bool IsControllerEvent(string type) => type is AccessGranted or AccessDenied or ForcedOpen or HeldOpen or ExitButton or Tailgating;
}
