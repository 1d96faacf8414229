namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>One action of a rule; the derived type is its kind.</summary>
public abstract record RuleActionConfiguration;
