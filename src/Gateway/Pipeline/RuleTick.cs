namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>Marker queued once a second so that rule durations complete without a new sample.</summary>
internal sealed class RuleTick
{
    public static readonly RuleTick Instance = new();

    private RuleTick()
    {
    }
}
