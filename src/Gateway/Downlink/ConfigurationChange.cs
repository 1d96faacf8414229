namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// What <see cref="ConfigurationTrial.PrepareStart"/> found at start: a district update on trial, or one rolled back.
/// The host reports it to the district as an event record once it runs. <see cref="Reason"/> is in the --language
/// option's or the system's language when set at start, and in the operator language when the trial rolls back for want
/// of a district connection. <see cref="Cause"/> and <see cref="Report"/> (the validation problems, in the language of
/// that start) let <see cref="ConfigurationChangeReason"/> word it again for the district event and the console page.
/// </summary>
public sealed record ConfigurationChange(
    string CommandId,
    ConfigurationChangeOutcome Outcome,
    string NewVersion,
    string PreviousVersion,
    string? Reason = null,
    ConfigurationRollbackCause? Cause = null,
    string? Report = null)
{
    /// <summary>Whether the trial also needs a district connection before the update is kept.</summary>
    public bool DistrictRequired { get; init; }

    /// <summary>Version of the file a technician wrote by hand; set only with <see cref="ConfigurationChangeOutcome.Superseded"/>.</summary>
    public string? EditedVersion { get; init; }

    /// <summary>The version that runs after this change: the new, the previous or the hand-edited one.</summary>
    public string InForceVersion => Outcome switch
    {
        ConfigurationChangeOutcome.OnTrial => NewVersion,
        ConfigurationChangeOutcome.Superseded => EditedVersion ?? NewVersion,
        _ => PreviousVersion,
    };
}
