using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
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
    private readonly Dictionary<string, (RaiseAlarmActionConfiguration Definition, long Line)> namedAlarms = new(StringComparer.Ordinal);
    private string? currentId;

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

    /// <summary>
    /// Starts reading the rule <paramref name="id"/>; reports a problem when an earlier <c>raiseAlarm</c> already uses
    /// that id as an alarm name.
    /// </summary>
    public void BeginRule(string id, ValueReader idValue)
    {
        currentId = id;
        if (namedAlarms.TryGetValue(id, out var named))
        {
            idValue.Report(ConfigurationProblemKind.DuplicateId, id, new ProblemMessage(MessageKeys.RuleIdIsNamedAlarm, id, named.Line, $"{id}-2"));
        }
    }

    /// <summary>Whether <paramref name="id"/> is the id of the rule being read or of an earlier one.</summary>
    public bool IsRuleId(string id) => id == currentId || IsEarlier(id);

    /// <summary>Whether an earlier <c>raiseAlarm</c> (in this rule or an earlier one) declares <paramref name="name"/>.</summary>
    public bool IsNamedAlarm(string name) => namedAlarms.ContainsKey(name);

    /// <summary>
    /// Records a named alarm; returns false, with the line of the first definition, when the name was declared before
    /// with another severity, latching or text.
    /// </summary>
    public bool AddNamedAlarm(RaiseAlarmActionConfiguration definition, ValueReader at, out long firstLine)
    {
        if (namedAlarms.TryGetValue(definition.Name, out var first))
        {
            firstLine = first.Line;
            return first.Definition == definition;
        }

        firstLine = at.Node!.Start.Line;
        namedAlarms.Add(definition.Name, (definition, firstLine));
        return true;
    }
}
