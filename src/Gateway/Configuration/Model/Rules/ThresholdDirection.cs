namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Which side of its limit a threshold rule raises on.</summary>
public enum ThresholdDirection
{
    /// <summary>Raises above the limit and clears below the clear limit (keys above and clearBelow).</summary>
    Above,

    /// <summary>Raises below the limit and clears above the clear limit (keys below and clearAbove).</summary>
    Below,

    /// <summary>Raises above the upper or below the lower limit; clears between clearAbove and clearBelow (all four keys).</summary>
    Outside,
}
