using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>The keys every rule kind has, read before the kind's own keys.</summary>
internal sealed record CommonRuleKeys(string Id, PointId Point, AlarmSeverity Severity, IReadOnlyList<RuleActionConfiguration> Actions);
