using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// The point a rule reads: one point, or a pattern with its matches. For a pattern, <see cref="Point"/> stands for the
/// matches in signal checks: the first match whose signal differs from the first match's, else the first match.
/// </summary>
internal sealed record RulePoint(ResolvedPoint Point, PointPatternMatches? Pattern);
