namespace SmartCampus.Edge.Gateway.Configuration.Loading;

internal enum DurationParse
{
    Valid,

    /// <summary>A bare number such as 5, which could mean seconds or milliseconds.</summary>
    NoUnit,

    Invalid,

    TooLarge,
}
