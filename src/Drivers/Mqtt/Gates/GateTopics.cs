namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>
/// Topic scheme of access gates and door controllers on the campus broker, documented in docs/campus-topics.md.
/// Each controller owns <c>campus/gates/{gateId}/</c>, which is also the limit of its broker account.
/// </summary>
public static class GateTopics
{
    public const string GatesRoot = "campus/gates";

    /// <summary>Prefix of every topic of one gate, with the trailing slash, so that gate "g1" does not match "g10".</summary>
    public static string GatePrefix(string gateId) => $"{GatesRoot}/{gateId}/";

    /// <summary>Filter the gateway subscribes to for one gate's uplink (events, acknowledgements, status).</summary>
    public static string UplinkFilter(string gateId) => GatePrefix(gateId) + "+";

    public static string Event(string gateId) => GatePrefix(gateId) + "event";

    public static string Ack(string gateId) => GatePrefix(gateId) + "ack";

    public static string Status(string gateId) => GatePrefix(gateId) + "status";

    public static string Command(string gateId) => GatePrefix(gateId) + "command";
}
