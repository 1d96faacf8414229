namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>What kind of district link failure <see cref="UplinkState.LastError"/> is, so the console can add a localized hint.</summary>
public enum UplinkFailureKind
{
    /// <summary>Any other error; the console shows the text alone.</summary>
    Other,

    /// <summary>The broker's address could not be reached: connection refused, no route, or the name not resolved.</summary>
    Unreachable,

    /// <summary>The broker did not respond within the connect timeout.</summary>
    TimedOut,

    /// <summary>The broker rejected the connection in its CONNACK, for example for the user name or password.</summary>
    Rejected,
}
