namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>Publishes <paramref name="Payload"/> (UTF-8) to <paramref name="Topic"/> on the campus broker.</summary>
public sealed record PublishCommand(string Topic, string Payload, string RuleId) : RuleOutput(RuleId);
