namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

internal enum RuleKind
{
    Threshold,
    Input,
    Stale,
    State,
    Event,
    Offline,
    All,
    Any,
    Not,
}
