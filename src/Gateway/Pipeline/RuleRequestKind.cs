namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>The operation a <see cref="RuleRequest"/> requests from the rule engine.</summary>
public enum RuleRequestKind
{
    Acknowledge,
    Shelve,
    Unshelve,
}
