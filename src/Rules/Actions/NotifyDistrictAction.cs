namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Asks the host to send the alarm to the district at once, ahead of the outbox's normal batching, on raise and on
/// clear. The alarm still goes through the outbox, so it is not lost while the link is down.
/// </summary>
public sealed record NotifyDistrictAction : RuleAction;
