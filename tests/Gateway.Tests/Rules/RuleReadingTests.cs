using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Schedules;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>Every rule kind, key and action of the rules section, read from YAML and mapped to engine definitions.</summary>
public class RuleReadingTests
{
    [Fact]
    public void ValidRules_HaveNoProblems()
    {
        var result = RuleYaml.Load(RuleYaml.Valid);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void Calendar_Read()
    {
        var calendar = Assert.IsType<CalendarConfiguration>(Load().Calendar);

        Assert.Equal("Asia/Shanghai", calendar.TimeZone.Id);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], calendar.SchoolDays);
        Assert.Equal([new DateRange(new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 16))], calendar.Terms);
        Assert.Equal(2, calendar.Holidays.Count);
        Assert.Equal(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)), calendar.Holidays[1]);
        Assert.Equal([new DateOnly(2025, 9, 28)], calendar.MakeUpDays);
        Assert.Equal(new TimeWindow(new TimeOnly(14, 0), new TimeOnly(16, 30)), calendar.Lessons[1]);
    }

    [Fact]
    public void Pattern_OneInstancePerMatch()
    {
        var definitions = Definitions();

        var instances = definitions.OfType<ThresholdRuleDefinition>().ToList();
        Assert.Equal(["co2-high@room-201-air", "co2-high@room-202-air"], instances.Select(rule => rule.Id));
        Assert.Equal(new PointId("room-202-air", "co2"), instances[1].Point);
        Assert.Equal(TimeSpan.FromMinutes(2), instances[1].For);
        Assert.Equal(ScheduleKind.SchoolHours, instances[0].Armed?.Kind);
    }

    [Fact]
    public void Combination_PatternRuleNamesEveryInstance()
    {
        var any = Assert.Single(Definitions().OfType<CombinationRuleDefinition>(), rule => rule.Id == "any-co2");

        Assert.Equal(CombinationKind.Any, any.Kind);
        Assert.Equal(["co2-high@room-201-air", "co2-high@room-202-air"], any.RuleIds);
    }

    [Fact]
    public void Notice_SelectionStaysGroup()
    {
        var rule = Definitions().First(definition => definition.Id == "co2-high@room-201-air");

        var notice = Assert.Single(rule.Actions.OfType<NoticeAction>());
        Assert.Equal(new BoardGroup("A", "2", null), notice.Group);
        Assert.Equal("building=A,floor=2", notice.Target);
        Assert.False(notice.IsForAllBoards);
        Assert.Empty(rule.NoticeTargets);
        Assert.False(notice.Emergency);
    }

    [Fact]
    public void Actions_WritePublishNotify()
    {
        var rule = Definitions().First(definition => definition.Id == "co2-high@room-202-air");

        var write = Assert.Single(rule.Actions.OfType<WritePointAction>());
        Assert.Equal(new PointId("room-201-air", "mode"), write.Point);
        Assert.Equal(PointValue.FromNumber(2), write.Value);
        Assert.Equal(PointValue.FromNumber(0), write.ClearValue);
        var publish = Assert.Single(rule.Actions.OfType<PublishAction>());
        Assert.Equal("campus/pa/announce", publish.Topic);
        Assert.Equal("open-windows", publish.Payload);
        Assert.Single(rule.Actions.OfType<NotifyDistrictAction>());
    }

    [Fact]
    public void Input_DebounceAndSafeValue()
    {
        var smoke = Assert.IsType<InputRuleDefinition>(Definitions().First(definition => definition.Id == "smoke"));

        Assert.Equal(TimeSpan.FromSeconds(2), smoke.Debounce);
        Assert.True(smoke.LifeSafety);
        var siren = Assert.Single(smoke.Actions.OfType<SetOutputAction>());
        Assert.Equal(PointValue.FromBoolean(true), siren.SafeValue);
        Assert.True(Assert.Single(smoke.Actions.OfType<NoticeAction>()).IsForAllBoards);
    }

    [Fact]
    public void State_EdgeWithWindow()
    {
        var door = Assert.IsType<StateRuleDefinition>(Definitions().First(definition => definition.Id == "door-night"));

        Assert.Equal(StateTrigger.Rising, door.Trigger);
        Assert.Equal(TimeSpan.FromSeconds(1), door.Debounce);
        Assert.Equal(TimeSpan.FromMinutes(1), door.ClearAfter);
        var armed = Assert.IsType<Schedule>(door.Armed);
        Assert.Equal(ScheduleKind.Windows, armed.Kind);
        Assert.True(armed.SchoolDaysOnly);
        Assert.Equal([new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0))], armed.Windows);
    }

    [Fact]
    public void State_EqualsNumber()
    {
        var mode = Assert.IsType<StateRuleDefinition>(Definitions().First(definition => definition.Id == "mode-alarm"));

        Assert.Equal(StateTrigger.EqualTo, mode.Trigger);
        Assert.Equal(PointValue.FromNumber(3), mode.Value);
    }

    [Fact]
    public void EventAndOffline_OnDevices()
    {
        var definitions = Definitions();

        var denied = Assert.Single(definitions.OfType<EventCountRuleDefinition>());
        Assert.Equal(new PointId("door-3", "card-denied"), denied.Point);
        Assert.Equal(5, denied.Count);
        Assert.Equal(TimeSpan.FromMinutes(2), denied.Window);
        var offline = Assert.Single(definitions.OfType<OfflineRuleDefinition>());
        Assert.Equal("panel", offline.Device);
        Assert.Equal(TimeSpan.FromSeconds(30), offline.For);
    }

    [Fact]
    public void ClearAlarm_ResetsNamedRule()
    {
        var reset = Definitions().First(definition => definition.Id == "reset-button");

        Assert.Equal("smoke", Assert.Single(reset.Actions.OfType<ResetAlarmAction>()).RuleId);
    }

    [Fact]
    public void Severity_OnEveryRule()
    {
        var severities = Definitions().ToDictionary(rule => rule.Id, rule => rule.Severity.ToString());

        Assert.Equal("Major", severities["panel-offline"]);
        Assert.Equal("Critical", severities["smoke-and-door"]);
        Assert.Equal("Minor", severities["card-denied"]);
    }

    [Fact]
    public void Definitions_BuildAnEngine()
    {
        var engine = new SmartCampus.Edge.Rules.Engine.RuleEngine(Definitions(), TimeProvider.System);

        Assert.Equal(11, engine.Definitions.Count);
    }

    [Fact]
    public void BrokenPanel_PartialLeavesOutDependents()
    {
        var result = RuleYaml.Load(RuleYaml.With("pin: 23", "pin: -1"));

        var partial = Assert.IsType<PartialSiteConfiguration>(result.Partial);
        Assert.Equal(["smoke", "door-night", "panel-offline", "smoke-and-door", "reset-button", "smoke-silent"], partial.ExcludedRuleIds);
        var engine = new SmartCampus.Edge.Rules.Engine.RuleEngine(RuleDefinitionFactory.Create(partial.Configuration), TimeProvider.System);
        Assert.Equal(["co2-high@room-201-air", "co2-high@room-202-air", "mode-alarm", "card-denied", "any-co2"], engine.Definitions.Select(rule => rule.Id));
    }

    private static SmartCampus.Edge.Gateway.Configuration.Model.SiteConfiguration Load()
    {
        var result = RuleYaml.Load(RuleYaml.Valid);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }

    private static IReadOnlyList<RuleDefinition> Definitions() => RuleDefinitionFactory.Create(Load());
}
