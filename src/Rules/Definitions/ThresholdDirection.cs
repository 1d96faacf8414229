namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>Which side of the limit raises a threshold alarm.</summary>
public enum ThresholdDirection
{
    /// <summary>Raise when the value is above the limit (<c>above</c> with <c>clearBelow</c>).</summary>
    Above,

    /// <summary>Raise when the value is below the limit (<c>below</c> with <c>clearAbove</c>).</summary>
    Below,

    /// <summary>
    /// Raise when the value leaves a band on either side (<c>above</c> with <c>clearBelow</c> and <c>below</c> with
    /// <c>clearAbove</c> in one rule); clear only when it is back between both clear levels.
    /// </summary>
    Outside,
}
