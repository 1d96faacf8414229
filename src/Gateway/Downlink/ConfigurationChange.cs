namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// What <see cref="ConfigurationTrial.PrepareStart"/> found at start: a district update on trial, or one rolled back.
/// The host reports it to the district as an event record once it runs.
/// </summary>
public sealed record ConfigurationChange(string CommandId, ConfigurationChangeOutcome Outcome, string NewVersion, string PreviousVersion, string? Reason = null);
