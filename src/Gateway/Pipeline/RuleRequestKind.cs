namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>What a <see cref="RuleRequest"/> asks the rule engine to do.</summary>
public enum RuleRequestKind
{
    Acknowledge,
    Shelve,
    Unshelve,
}
