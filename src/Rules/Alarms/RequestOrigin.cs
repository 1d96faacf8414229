namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>Where an acknowledgement, a shelving or a command comes from. Only <see cref="OnSite"/> resets a latched alarm.</summary>
public enum RequestOrigin
{
    /// <summary>Someone at the school: the gateway's local console or a reset button wired to the gateway.</summary>
    OnSite,

    /// <summary>The district platform, over the uplink.</summary>
    District,

    /// <summary>The remote web console.</summary>
    Console,
}
