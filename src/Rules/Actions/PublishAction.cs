namespace SmartCampus.Edge.Rules.Actions;

/// <summary>Publishes <see cref="Payload"/> to a device topic on the campus broker when the alarm is raised.</summary>
public sealed record PublishAction : RuleAction
{
    /// <exception cref="ArgumentException">The topic is blank or contains an MQTT wildcard.</exception>
    public PublishAction(string topic, string payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(payload);
        if (topic.Contains('#', StringComparison.Ordinal) || topic.Contains('+', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The topic '{topic}' contains a wildcard; a publish needs a plain topic.", nameof(topic));
        }

        Topic = topic;
        Payload = payload;
    }

    public string Topic { get; }

    /// <summary>Payload text, sent as UTF-8.</summary>
    public string Payload { get; }
}
