namespace SmartCampus.Edge.Gateway.Downlink;

public enum ConfigurationChangeOutcome
{
    /// <summary>This start runs the new file; it is kept once the gateway has run for the confirmation time.</summary>
    OnTrial,

    /// <summary>The previous file was put back; this start runs it.</summary>
    RolledBack,

    /// <summary>
    /// A technician replaced the file by hand after the update was written. The hand edit wins: the edited file
    /// (<see cref="ConfigurationChange.EditedVersion"/>) runs and nothing was put back.
    /// </summary>
    Superseded,
}
