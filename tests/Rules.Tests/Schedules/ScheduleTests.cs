using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Schedules;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Schedules;

public class ScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Autumn term 2025 with the National Day week off and Sunday 28 September taught in its place.
    private static readonly SchoolCalendar Calendar = new(
        Shanghai,
        terms: [new DateRange(new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 16))],
        holidays: [new DateRange(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 8))],
        lessons: [new TimeWindow(new TimeOnly(8, 0), new TimeOnly(8, 45)), new TimeWindow(new TimeOnly(14, 0), new TimeOnly(16, 30))],
        makeUpDays: [new DateOnly(2025, 9, 28)]);

    private static readonly PointId Door = PointId.Parse("lab-door.contact");

    [Theory]
    [InlineData("2025-09-01T08:30:00+08:00", true)]
    [InlineData("2025-09-01T07:59:59+08:00", false)]
    [InlineData("2025-09-01T16:30:00+08:00", false)]
    [InlineData("2025-09-06T10:00:00+08:00", false)]
    [InlineData("2025-09-28T10:00:00+08:00", true)]
    [InlineData("2025-10-02T10:00:00+08:00", false)]
    [InlineData("2025-08-29T10:00:00+08:00", false)]
    [InlineData("2025-09-01T01:00:00+00:00", true)]
    public void SchoolHours_FollowCalendar(string time, bool expected)
    {
        Assert.Equal(expected, Schedule.SchoolHours(Calendar).Contains(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2025-09-01T10:00:00+08:00", false)]
    [InlineData("2025-09-01T14:10:00+08:00", true)]
    public void Lessons_OnlyInsideLesson(string time, bool expected)
    {
        Assert.Equal(expected, Schedule.Lessons(Calendar).Contains(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2025-09-05T22:00:00+08:00", true)]
    [InlineData("2025-09-06T05:59:00+08:00", true)]
    [InlineData("2025-09-06T06:00:00+08:00", false)]
    [InlineData("2025-09-06T22:30:00+08:00", false)]
    [InlineData("2025-09-07T23:00:00+08:00", false)]
    [InlineData("2025-09-08T02:00:00+08:00", false)]
    [InlineData("2025-09-30T23:00:00+08:00", true)]
    [InlineData("2025-10-01T03:00:00+08:00", true)]
    [InlineData("2025-10-01T23:00:00+08:00", false)]
    public void Windows_AcrossMidnightAndHolidays(string time, bool expected)
    {
        var nights = Schedule.DailyWindows(Calendar, [new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0))], schoolDaysOnly: true);

        Assert.Equal(expected, nights.Contains(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AfterHours_ArmsDoorRule()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-09-01T16:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var rule = new InputRuleDefinition("lab-door-after-hours", Door, true, AlarmSeverity.Major) { Armed = Schedule.AfterHours(Calendar) };
        var engine = new RuleEngine([rule], clock);

        Assert.Empty(engine.Evaluate(TestSamples.Boolean(clock, Door, true)));
        Assert.Empty(engine.ActiveAlarms);

        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, Door, true))));
    }

    [Fact]
    public void Disarming_KeepsActiveAlarm()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-09-01T07:50:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var rule = new InputRuleDefinition("lab-door-after-hours", Door, true, AlarmSeverity.Major) { Armed = Schedule.AfterHours(Calendar) };
        var engine = new RuleEngine([rule], clock);
        engine.Evaluate(TestSamples.Boolean(clock, Door, true));

        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Empty(engine.Evaluate(TestSamples.Boolean(clock, Door, true)));
        Assert.Single(engine.ActiveAlarms);
        Assert.IsType<AlarmCleared>(Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, Door, false))));
    }

    [Fact]
    public void WallClockStep_MovesSchedule()
    {
        var clock = new SteppableTimeProvider(DateTimeOffset.Parse("2025-09-01T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var rule = new InputRuleDefinition("lab-door-after-hours", Door, true, AlarmSeverity.Major) { Armed = Schedule.AfterHours(Calendar) };
        var engine = new RuleEngine([rule], clock);
        Assert.Empty(engine.Evaluate(TestSamples.Boolean(clock, Door, true)));

        clock.StepWallClock(TimeSpan.FromHours(-3));

        Assert.IsType<AlarmRaised>(Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, Door, true))));
    }

    [Fact]
    public void Calendar_RejectsMissingTerm()
    {
        Assert.Throws<ArgumentException>(() => new SchoolCalendar(Shanghai, [], [], [new TimeWindow(new TimeOnly(8, 0), new TimeOnly(9, 0))]));
    }

    [Fact]
    public void DateRange_RejectsReversed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DateRange(new DateOnly(2025, 9, 2), new DateOnly(2025, 9, 1)));
    }
}
