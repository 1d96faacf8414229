namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>Why <see cref="ConfigurationTrial"/> rolled a configuration update back, so that a page can state it in its own language.</summary>
public enum ConfigurationRollbackCause
{
    /// <summary>The power went before the new file was in place; the previous file never left.</summary>
    NewFileNotInPlace,

    /// <summary>An earlier start with the new file stopped, crashed or failed before the confirmation time.</summary>
    NotConfirmed,

    /// <summary>The new file does not validate; <see cref="ConfigurationChange.Report"/> contains the problems.</summary>
    Invalid,

    /// <summary>The gateway ran with the new file but did not connect to the district platform within the trial.</summary>
    DistrictUnreachable,
}
