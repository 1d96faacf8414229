namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Shows a notice on class boards (key notice), or an emergency notice (key emergencyNotice).</summary>
public sealed record NoticeActionConfiguration : RuleActionConfiguration
{
    /// <summary>An existing class-board id, or null for every class board (written "all").</summary>
    public string? BoardId { get; init; }

    /// <summary>
    /// The boards of a building, floor or room (<c>notice: {building: A, floor: "2"}</c>); null for one board or all.
    /// A board matches when each given key equals the board's own key.
    /// </summary>
    public BoardSelection? Selection { get; init; }

    /// <summary>True for emergencyNotice: full screen, overriding everything until cleared.</summary>
    public required bool IsEmergency { get; init; }

    public required NoticeText Text { get; init; }
}
