using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Tests.Support;

/// <summary>The demo campus rules and points, as hardware/demo/campus.yaml declares them.</summary>
public static class TestRules
{
    public static readonly PointId Co2 = PointId.Parse("bldgA-2F-201-air.co2");

    public static readonly PointId Temperature = PointId.Parse("bldgA-2F-201-air.temperature");

    public static readonly PointId Smoke = PointId.Parse("fire-panel.smoke");

    public static readonly PointId Siren = PointId.Parse("fire-panel.siren");

    public static readonly LocalizedText Co2Notice = new(new Dictionary<string, string>
    {
        ["zh-CN"] = "教室二氧化碳浓度偏高，请开窗通风。",
        ["en"] = "CO2 in this classroom is high. Please open the windows.",
    });

    public static readonly LocalizedText FireNotice = new(new Dictionary<string, string>
    {
        ["zh-CN"] = "火警！请按疏散路线有序撤离。",
        ["en"] = "Fire alarm! Leave the building by the escape routes.",
    });

    public static ThresholdRuleDefinition Co2High(string id = "co2-high-201") =>
        ThresholdRuleDefinition.Above(
            id,
            Co2,
            above: 1500,
            clearBelow: 1200,
            TimeSpan.FromMinutes(2),
            AlarmSeverity.Warning,
            [new NoticeAction("board-201", Co2Notice, emergency: false)],
            unit: "ppm");

    public static InputRuleDefinition FireAlarm(string id = "fire-alarm", PointId? smoke = null) =>
        new(
            id,
            smoke ?? Smoke,
            activeLevel: true,
            AlarmSeverity.Critical,
            [new SetOutputAction(Siren, value: true), new NoticeAction(NoticeAction.AllBoards, FireNotice, emergency: true)]);

    public static readonly PointId Gate = PointId.Parse("gate-east.lock");

    /// <summary>A fire rule that owns the siren and holds the east gate unlocked (false = unlocked) until reset on site.</summary>
    public static InputRuleDefinition FireLifeSafety(string id = "fire-evacuation") =>
        new InputRuleDefinition(
            id,
            Smoke,
            activeLevel: true,
            AlarmSeverity.Critical,
            [
                new SetOutputAction(Siren, value: true),
                new SetOutputAction(Gate, value: false),
                new NoticeAction(NoticeAction.AllBoards, FireNotice, emergency: true),
            ])
        {
            LifeSafety = true,
        };
}
