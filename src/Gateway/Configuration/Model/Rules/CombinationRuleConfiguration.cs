namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// The conditions of earlier rules joined by all, any or not (<c>kind: all | any | not</c>).
/// <see cref="RuleConfiguration.Point"/> is the placeholder <c>rules.{id}</c>.
/// </summary>
public sealed record CombinationRuleConfiguration : RuleConfiguration
{
    public required CombinationSetting Kind { get; init; }

    /// <summary>Ids of rules listed earlier in the file, in the order written (<c>rules</c>).</summary>
    public required IReadOnlyList<string> RuleIds { get; init; }
}
