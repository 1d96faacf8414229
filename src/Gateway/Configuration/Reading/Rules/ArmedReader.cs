using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Rules.Schedules;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads <c>armed</c>: one of schoolHours, lessons and afterHours, or daily windows
/// <c>{windows: [22:00-06:00], schoolDaysOnly: true}</c>. Every form needs the top-level calendar.
/// </summary>
internal static class ArmedReader
{
    private const string WindowsExample = "{windows: [22:00-06:00], schoolDaysOnly: true}";

    private static readonly ChoiceSet<ScheduleKind> Kinds = new(
        ("schoolHours", ScheduleKind.SchoolHours),
        ("lessons", ScheduleKind.Lessons),
        ("afterHours", ScheduleKind.AfterHours));

    /// <summary>Returns the schedule, or null when absent or invalid (reported).</summary>
    public static ArmedConfiguration? Read(ValueReader value, RuleReadScope scope)
    {
        if (!value.IsPresent)
        {
            return null;
        }

        if (!scope.HasCalendar)
        {
            value.Report(ConfigurationProblemKind.MissingKey, value.RawText, new ProblemMessage(MessageKeys.ArmedWithoutCalendar, CalendarReader.Example));
            return null;
        }

        if (value.Node is YamlMappingNode)
        {
            return ReadWindows(value.RequiredMapping(WindowsExample)!);
        }

        var kind = value.RequiredChoice(Kinds);
        return kind is { } chosen ? new ArmedConfiguration { Kind = chosen } : null;
    }

    private static ArmedConfiguration? ReadWindows(MappingReader armed)
    {
        var items = armed.Key("windows").ScalarList("[22:00-06:00]", required: true);
        var schoolDaysOnly = armed.Key("schoolDaysOnly").OptionalBoolean("true");
        armed.ReportUnknownKeys();

        var windows = new List<TimeWindow>();
        foreach (var item in items ?? [])
        {
            if (CalendarText.TryParseWindow(item.Text, out var window))
            {
                windows.Add(window);
                continue;
            }

            item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.TimeWindowInvalid, item.Text, "22:00-06:00"));
        }

        if (items is null || windows.Count != items.Count || windows.Count == 0)
        {
            return null;
        }

        return new ArmedConfiguration { Kind = ScheduleKind.Windows, Windows = windows, SchoolDaysOnly = schoolDaysOnly ?? false };
    }
}
