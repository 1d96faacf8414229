namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>Which side of the limit raises a threshold alarm.</summary>
public enum ThresholdDirection
{
    /// <summary>Raise when the value is above the limit (<c>above</c> with <c>clearBelow</c>).</summary>
    Above,

    /// <summary>Raise when the value is below the limit (<c>below</c> with <c>clearAbove</c>).</summary>
    Below,
}
