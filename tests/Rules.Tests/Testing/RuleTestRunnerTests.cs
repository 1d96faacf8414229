using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Testing;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Testing;

public class RuleTestRunnerTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Csv_DurationRaisesBetweenLines()
    {
        var series = SampleSeriesParser.Parse(
            """
            # co2 climbs and stays high
            time,point,value
            0s,bldgA-2F-201-air.co2,900
            10s,bldgA-2F-201-air.co2,1600
            5m,bldgA-2F-201-air.co2,1100
            """,
            jsonLines: false,
            Start);

        var timeline = RuleTestRunner.Run([TestRules.Co2High()], series);

        var raised = Assert.Single(timeline, entry => entry.Output is AlarmRaised);
        Assert.Equal(TimeSpan.FromSeconds(130), raised.Offset);
        Assert.Null(raised.Line);
        var cleared = Assert.Single(timeline, entry => entry.Output is AlarmCleared);
        Assert.Equal(TimeSpan.FromMinutes(5), cleared.Offset);
        Assert.Equal(5, cleared.Line);
    }

    [Fact]
    public void Json_DeviceEventsDriveRules()
    {
        var series = SampleSeriesParser.Parse(
            """
            {"time":"0s","device":"door-3","event":"card-denied"}
            {"time":"30s","device":"door-3","event":"card-denied"}
            {"time":"40s","device":"door-3","event":"offline"}
            {"time":"2m","device":"door-3","event":"online"}
            """,
            jsonLines: true,
            Start);
        RuleDefinition[] rules =
        [
            new EventCountRuleDefinition("denied-twice", "door-3", "card-denied", 2, TimeSpan.FromMinutes(1), AlarmSeverity.Minor),
            new OfflineRuleDefinition("door-offline", "door-3", TimeSpan.FromSeconds(30), AlarmSeverity.Major),
        ];

        var timeline = RuleTestRunner.Run(rules, series);

        var denied = Assert.Single(timeline, entry => entry.Output is AlarmRaised { RuleId: "denied-twice" });
        Assert.Equal(2, denied.Line);
        var offline = Assert.Single(timeline, entry => entry.Output is AlarmRaised { RuleId: "door-offline" });
        Assert.Equal(TimeSpan.FromSeconds(70), offline.Offset);
        Assert.Equal(4, Assert.Single(timeline, entry => entry.Output is AlarmCleared { RuleId: "door-offline" }).Line);
    }

    [Fact]
    public void Json_InvalidLineNamesColumnInChinese()
    {
        var error = Assert.Throws<SampleFormatException>(() => SampleSeriesParser.Parse("{\"time\":\"0s\",\"point\":\"a.b\",\"value\":1}\n{\"time\":\"门禁\", point}", jsonLines: true, Start));

        Assert.Equal(2, error.Line);
        var chinese = error.GetMessage(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.StartsWith("第 2 行第 15 列：不是有效的 JSON。", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", chinese, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("LineNumber", chinese, StringComparison.Ordinal);
        Assert.StartsWith("Line 2, column 15: not valid JSON.", error.GetMessage(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EventWithoutDeviceRejected()
    {
        var error = Assert.Throws<SampleFormatException>(() => SampleSeriesParser.Parse("""{"time":"0s","event":"card-denied"}""", jsonLines: true, Start));

        Assert.Contains("Line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'device'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_FlappingRaisesNothing()
    {
        var lines = new List<string> { "time,point,value" };
        for (var second = 0; second < 600; second += 10)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{second}s,room.temperature,{(second % 20 == 0 ? 69.9 : 70.1)}"));
        }

        var rule = ThresholdRuleDefinition.Above("hot", PointId.Parse("room.temperature"), 70, 68, TimeSpan.FromSeconds(30), AlarmSeverity.Minor);
        var timeline = RuleTestRunner.Run([rule], SampleSeriesParser.Parse(string.Join('\n', lines), false, Start));

        Assert.Empty(timeline);
        Assert.Contains("No alarm", TimelineFormatter.Format(timeline, CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledge_WithoutAlarmNamesReason()
    {
        var series = SampleSeriesParser.Parse(
            """
            {"time":"0s","acknowledge":"co2-high-201"}
            {"time":"10s","point":"bldgA-2F-201-air.co2","value":900}
            """,
            jsonLines: true,
            Start);

        var timeline = RuleTestRunner.Run([TestRules.Co2High()], series);

        var entry = Assert.Single(timeline);
        Assert.Null(entry.Output);
        Assert.Equal(1, entry.Line);
        Assert.Equal("AcknowledgeNoAlarm", entry.NotApplied?.Reason.Key);
        Assert.Contains("NOT APPLIED  acknowledgement of co2-high-201: Rule co2-high-201 has no active alarm", TimelineFormatter.Format(timeline, CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_LatchedFireWithReset()
    {
        var series = SampleSeriesParser.Parse(
            """
            {"time":"2025-09-01T08:00:00+08:00","point":"fire-panel.smoke","value":true}
            {"time":"2025-09-01T08:05:00+08:00","point":"fire-panel.smoke","value":false}
            {"time":"2025-09-01T08:06:00+08:00","acknowledge":"fire-evacuation","origin":"district"}
            {"time":"2025-09-01T08:10:00+08:00","acknowledge":"fire-evacuation","origin":"onSite"}
            """,
            jsonLines: true,
            Start);

        var timeline = RuleTestRunner.Run([TestRules.FireLifeSafety()], series);

        Assert.Equal(DateTimeOffset.Parse("2025-09-01T08:00:00+08:00", CultureInfo.InvariantCulture), series.Start);
        Assert.IsType<AlarmRaised>(timeline[0].Output);
        Assert.Contains(timeline, entry => entry.Output is AlarmChanged { Change: AlarmChange.ConditionCleared } && entry.Line == 2);
        var cleared = Assert.Single(timeline, entry => entry.Output is AlarmCleared);
        Assert.Equal(4, cleared.Line);
        Assert.Equal(TimeSpan.FromMinutes(10), cleared.Offset);

        var english = TimelineFormatter.Format(timeline, CultureInfo.GetCultureInfo("en"));
        var chinese = TimelineFormatter.Format(timeline, CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains("RAISED   fire-evacuation (critical)", english, StringComparison.Ordinal);
        Assert.Contains("set gate-east.lock to false", english, StringComparison.Ordinal);
        Assert.Contains("waiting for an on-site reset", english, StringComparison.Ordinal);
        Assert.Contains("产生告警 fire-evacuation", chinese, StringComparison.Ordinal);
        Assert.Contains("等待现场复位", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_StaleInputAfterLastLine()
    {
        var series = SampleSeriesParser.Parse("time,point,value\n0s,fire-panel.smoke,false\n", false, Start);
        var rule = new StaleRuleDefinition("smoke-silent", TestRules.Smoke, TimeSpan.FromSeconds(30), AlarmSeverity.Major);

        var timeline = RuleTestRunner.Run([rule], series, runOut: TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(timeline).Offset);
    }

    [Theory]
    [InlineData("time,point,value\n10s,a.b,1\n5s,a.b,2", "Line 3")]
    [InlineData("time,point,value\nsoon,a.b,1", "the time 'soon' is invalid")]
    [InlineData("time,point,value\n1s,nodot,1", "the point 'nodot' is invalid")]
    [InlineData("when,what\n1s,a.b", "CSV header")]
    [InlineData("time,point,value,quality\n1s,a.b,1,meh", "the quality 'meh' is invalid")]
    public void Parser_RejectsWithLine(string text, string expected)
    {
        var error = Assert.Throws<SampleFormatException>(() => SampleSeriesParser.Parse(text, false, Start));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_ReadsValuesAndQuality()
    {
        var series = SampleSeriesParser.Parse("time,point,value,quality\n0s,a.b,true\n1s,a.b,12.5,stale\n2s,a.b,\n3s,a.b,open", false, Start);

        Assert.Equal(PointValue.FromBoolean(true), series.Steps[0].Value);
        Assert.Equal(Quality.Stale, series.Steps[1].Quality);
        Assert.Equal(12.5, series.Steps[1].Value.Number);
        Assert.Equal(Quality.Bad, series.Steps[2].Quality);
        Assert.Equal(PointValue.FromText("open"), series.Steps[3].Value);
        Assert.Equal(Start, series.Start);
    }
}
