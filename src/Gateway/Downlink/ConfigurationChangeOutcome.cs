namespace SmartCampus.Edge.Gateway.Downlink;

public enum ConfigurationChangeOutcome
{
    /// <summary>This start runs the new file; it is kept once the gateway has run for the confirmation time.</summary>
    OnTrial,

    /// <summary>The previous file was put back; this start runs it.</summary>
    RolledBack,
}
