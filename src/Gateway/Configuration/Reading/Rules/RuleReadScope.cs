using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// What the rules read so far declare, for the references of later rules (combinations, clearAlarm), and whether the
/// file has a school calendar for <c>armed</c>.
/// </summary>
internal sealed class RuleReadScope(bool hasCalendar)
{
    private readonly List<string> earlier = [];
    private readonly HashSet<string> patterns = new(StringComparer.Ordinal);

    public UniqueIds Ids { get; } = new();

    public bool HasCalendar { get; } = hasCalendar;

    /// <summary>Ids of the rules before the one being read, in file order.</summary>
    public IReadOnlyList<string> EarlierIds => earlier;

    public bool IsEarlier(string id) => earlier.Contains(id, StringComparer.Ordinal);

    /// <summary>Whether the earlier rule applies to a point pattern, so it runs as one instance per matched point.</summary>
    public bool IsPattern(string id) => patterns.Contains(id);

    public void Add(string id, bool isPattern)
    {
        earlier.Add(id);
        if (isPattern)
        {
            patterns.Add(id);
        }
    }
}
