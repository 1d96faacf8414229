using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Rules.Schedules;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads the top-level <c>calendar</c> section: time zone, school weekdays, terms, holidays and lessons.</summary>
internal static class CalendarReader
{
    public const string Example = "{timeZone: Asia/Shanghai, terms: [{from: 2025-09-01, to: 2026-01-16}], lessons: [08:00-08:45]}";

    private const string DateExample = "2025-09-01";
    private const string RangeExample = "{from: 2025-09-01, to: 2026-01-16}";
    private const string LessonExample = "08:00-08:45";

    private static readonly ChoiceSet<DayOfWeek> Weekdays = new(
        ("mon", DayOfWeek.Monday),
        ("tue", DayOfWeek.Tuesday),
        ("wed", DayOfWeek.Wednesday),
        ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday),
        ("sat", DayOfWeek.Saturday),
        ("sun", DayOfWeek.Sunday));

    private static readonly DayOfWeek[] DefaultSchoolDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static CalendarConfiguration Read(MappingReader calendar)
    {
        var timeZone = ReadTimeZone(calendar.Key("timeZone"));
        var schoolDays = ReadSchoolDays(calendar.Key("schoolDays"));
        var terms = calendar.Key("terms").MappingList(RangeExample, required: true, allowEmpty: false) ?? [];
        var holidays = ReadHolidays(calendar.Key("holidays"));
        var makeUpDays = calendar.Key("makeUpDays").ScalarList($"[{DateExample}]", required: false) ?? [];
        var lessons = calendar.Key("lessons").ScalarList($"[{LessonExample}]", required: true) ?? [];
        calendar.ReportUnknownKeys();

        return new CalendarConfiguration
        {
            TimeZone = timeZone,
            SchoolDays = schoolDays,
            Terms = terms.Select(ReadRange).OfType<DateRange>().ToList(),
            Holidays = holidays,
            MakeUpDays = makeUpDays.Select(item => ReadDate(item)).OfType<DateOnly>().ToList(),
            Lessons = lessons.Select(ReadLesson).OfType<TimeWindow>().ToList(),
        };
    }

    private static TimeZoneInfo ReadTimeZone(ValueReader value)
    {
        var id = value.OptionalText(CalendarConfiguration.DefaultTimeZone) ?? CalendarConfiguration.DefaultTimeZone;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        var message = new ProblemMessage(MessageKeys.CalendarTimeZoneUnknown, id, value.Snippet(CalendarConfiguration.DefaultTimeZone));
        value.Report(ConfigurationProblemKind.InvalidValue, id, message);
        return TimeZoneInfo.Utc;
    }

    private static List<DayOfWeek> ReadSchoolDays(ValueReader value)
    {
        var items = value.ScalarList("[mon, tue, wed, thu, fri]", required: false);
        if (items is null)
        {
            return [.. DefaultSchoolDays];
        }

        var days = new List<DayOfWeek>();
        foreach (var item in items)
        {
            if (Weekdays.TryMatch(item.Text, out var day))
            {
                days.Add(day);
                continue;
            }

            item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.InvalidChoice, item.Text, Weekdays.Names, "schoolDays: [mon, tue, wed, thu, fri]"));
        }

        return days;
    }

    /// <summary>Reads holidays: each item is one date or a {from, to} range.</summary>
    private static List<DateRange> ReadHolidays(ValueReader value)
    {
        if (value.Node is not YamlSequenceNode sequence)
        {
            // Absent, null or the wrong shape: the mapping-list reader reports the shape.
            value.MappingList(RangeExample, required: false, allowEmpty: true);
            return [];
        }

        var holidays = new List<DateRange>();
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            var node = sequence.Children[index];
            var path = KeyPath.Item(value.Path, index);
            var range = node switch
            {
                YamlMappingNode mapping => ReadRange(new MappingReader(mapping, path, value.Context)),
                YamlScalarNode { Value: { } text } => ReadDate(new ListItem(text, node, path, value.Context)) is { } day ? new DateRange(day, day) : null,
                _ => ReportHolidayShape(node, path, value),
            };

            if (range is { } found)
            {
                holidays.Add(found);
            }
        }

        return holidays;
    }

    private static DateRange? ReportHolidayShape(YamlNode node, string path, ValueReader value)
    {
        var message = new ProblemMessage(MessageKeys.WrongNode, NodeShapes.Describe(node), Expect.Mapping, value.Snippet($"[{DateExample}, {RangeExample}]"));
        value.Context.Problems.Add(ConfigurationProblemKind.WrongType, node.Start, path, null, message);
        return null;
    }

    private static DateRange? ReadRange(MappingReader range)
    {
        var from = ReadDate(range.Key("from"));
        var to = ReadDate(range.Key("to"));
        range.ReportUnknownKeys();
        if (from is not { } first || to is not { } last)
        {
            return null;
        }

        if (last < first)
        {
            var toValue = range.Key("to");
            toValue.Report(ConfigurationProblemKind.InvalidCombination, toValue.RawText, new ProblemMessage(MessageKeys.CalendarRangeReversed, toValue.RawText, range.Key("from").RawText));
            return null;
        }

        return new DateRange(first, last);
    }

    private static DateOnly? ReadDate(ValueReader value)
    {
        var text = value.RequiredText(DateExample);
        if (text is null)
        {
            return null;
        }

        if (CalendarText.TryParseDate(text, out var date))
        {
            return date;
        }

        value.Report(ConfigurationProblemKind.InvalidValue, text, new ProblemMessage(MessageKeys.CalendarDateInvalid, text, value.Snippet(DateExample)));
        return null;
    }

    private static DateOnly? ReadDate(ListItem item)
    {
        if (CalendarText.TryParseDate(item.Text, out var date))
        {
            return date;
        }

        item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.CalendarDateInvalid, item.Text, DateExample));
        return null;
    }

    private static TimeWindow? ReadLesson(ListItem item)
    {
        if (!CalendarText.TryParseWindow(item.Text, out var lesson))
        {
            item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.TimeWindowInvalid, item.Text, LessonExample));
            return null;
        }

        if (lesson.CrossesMidnight)
        {
            item.Report(ConfigurationProblemKind.InvalidValue, new ProblemMessage(MessageKeys.LessonCrossesMidnight, item.Text, LessonExample));
            return null;
        }

        return lesson;
    }
}
