namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// A rule instance was shelved (<paramref name="Until"/> set) or unshelved (<paramref name="Until"/> null) while it
/// had no active alarm. With an active alarm the engine emits <see cref="AlarmChanged"/> instead.
/// </summary>
/// <param name="Until">Gateway wall-clock end of the shelving; null when the shelving ended.</param>
/// <param name="By">Who shelved the rule, as the host passed it; null when not given or on expiry.</param>
public sealed record RuleShelved(string RuleId, DateTimeOffset? Until, string? By) : RuleOutput(RuleId);
