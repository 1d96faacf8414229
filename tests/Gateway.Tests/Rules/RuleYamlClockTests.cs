using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>
/// Every trigger kind as a technician writes it in campus.yaml, run on a fake clock: the file is loaded, mapped by
/// the factory the host uses and evaluated by the engine. The calendar is in Asia/Shanghai (UTC+8, no daylight saving).
/// </summary>
public class RuleYamlClockTests
{
    private static readonly PointId Co2Room201 = new("room-201-air", "co2");
    private static readonly PointId Smoke = new("panel", "smoke");
    private static readonly PointId Door = new("panel", "door");
    private static readonly PointId Mode = new("room-201-air", "mode");

    // Monday 2025-09-15, 09:00 in Shanghai: a school day, in school hours.
    private static readonly DateTimeOffset SchoolMorning = new(2025, 9, 15, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Threshold_PatternInstanceRaisesAfterFor()
    {
        var (engine, clock) = Start(SchoolMorning);

        Assert.Empty(engine.Evaluate(Number(clock, Co2Room201, 1600)));
        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.DoesNotContain(engine.Tick(), IsCo2Raise);
        clock.Advance(TimeSpan.FromSeconds(1));

        var outputs = engine.Tick();
        Assert.Equal("co2-high@room-201-air", Assert.Single(outputs.OfType<AlarmRaised>(), raised => raised.RuleId.StartsWith("co2-high", StringComparison.Ordinal)).RuleId);
        Assert.Contains(outputs.OfType<AlarmRaised>(), raised => raised.RuleId == "any-co2");
        Assert.Contains(outputs.OfType<SendNoticeCommand>(), notice => notice.Group == new BoardGroup("A", "2", null) && notice.Target == "building=A,floor=2");
        Assert.Contains(outputs.OfType<WritePointCommand>(), write => write.Point == Mode && write.Value.Number == 2);
        Assert.Contains(outputs.OfType<PublishCommand>(), publish => publish.Topic == "campus/pa/announce");
        Assert.Single(outputs.OfType<NotifyDistrictCommand>());
    }

    [Fact]
    public void Threshold_DisarmedOnHolidayAndNight()
    {
        // National Day holiday, 09:00, and a school day at 20:00: both outside school hours.
        foreach (var start in new[] { new DateTimeOffset(2025, 10, 3, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2025, 9, 15, 20, 0, 0, TimeSpan.FromHours(8)) })
        {
            var (engine, clock) = Start(start);

            engine.Evaluate(Number(clock, Co2Room201, 1600));
            clock.Advance(TimeSpan.FromMinutes(5));

            Assert.DoesNotContain(engine.Tick().Concat(engine.Evaluate(Number(clock, Co2Room201, 1600))), IsCo2Raise);
        }
    }

    [Fact]
    public void Threshold_RestartMidDurationResumes()
    {
        var (first, clock) = Start(SchoolMorning);
        first.Evaluate(Number(clock, Co2Room201, 1600));
        clock.Advance(TimeSpan.FromSeconds(90));
        var snapshot = RuleSnapshotJson.Deserialize(RuleSnapshotJson.Serialize(first.TakeSnapshot()));

        // The gateway is down for 10 minutes; the downtime does not count towards the duration.
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = new RuleEngine(Definitions(), clock);
        second.Restore(snapshot);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(second.Tick(), IsCo2Raise);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(second.Tick(), output => output is AlarmRaised { RuleId: "co2-high@room-201-air" });
    }

    [Fact]
    public void Input_DebounceFromYaml()
    {
        var (engine, clock) = Start(SchoolMorning);

        Assert.Empty(engine.Evaluate(Boolean(clock, Smoke, true)).OfType<AlarmRaised>());
        clock.Advance(TimeSpan.FromSeconds(2));

        var outputs = engine.Tick();
        Assert.Contains(outputs, output => output is AlarmRaised { RuleId: "smoke" });
        Assert.Contains(outputs.OfType<SendNoticeCommand>(), notice => notice.Emergency && notice.Target == "all");
    }

    [Theory]
    [InlineData("2025-09-19T23:30:00+08:00", true)]
    [InlineData("2025-09-20T01:30:00+08:00", true)]
    [InlineData("2025-09-22T01:30:00+08:00", false)]
    [InlineData("2025-09-16T21:59:00+08:00", false)]
    [InlineData("2025-10-02T23:30:00+08:00", false)]
    [InlineData("2025-09-27T23:30:00+08:00", false)]
    [InlineData("2025-09-28T23:30:00+08:00", true)]
    public void DoorEdge_WindowAcrossMidnight(string local, bool raises)
    {
        // Friday night into Saturday counts; Sunday night into Monday does not, because the window starts on Sunday.
        // 2025-10-02 is a holiday; 2025-09-28 is a Sunday taught as a make-up day.
        var (engine, clock) = Start(DateTimeOffset.Parse(local, System.Globalization.CultureInfo.InvariantCulture));
        engine.Evaluate(Boolean(clock, Door, false));
        clock.Advance(TimeSpan.FromSeconds(1));
        engine.Tick();

        engine.Evaluate(Boolean(clock, Door, true));
        clock.Advance(TimeSpan.FromSeconds(1));
        var outputs = engine.Tick();

        Assert.Equal(raises, outputs.Any(output => output is AlarmRaised { RuleId: "door-night" }));
    }

    [Fact]
    public void DoorEdge_ClearsAfterOneMinute()
    {
        var (engine, clock) = Start(new DateTimeOffset(2025, 9, 19, 23, 30, 0, TimeSpan.FromHours(8)));
        engine.Evaluate(Boolean(clock, Door, false));
        clock.Advance(TimeSpan.FromSeconds(1));
        engine.Tick();
        engine.Evaluate(Boolean(clock, Door, true));
        clock.Advance(TimeSpan.FromSeconds(1));
        engine.Tick();

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain(engine.Tick(), output => output is AlarmCleared);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(engine.Tick(), output => output is AlarmCleared { RuleId: "door-night" });
    }

    [Fact]
    public void StateEquals_FromYaml()
    {
        var (engine, clock) = Start(SchoolMorning);

        Assert.Empty(engine.Evaluate(Number(clock, Mode, 2)));

        Assert.Contains(engine.Evaluate(Number(clock, Mode, 3)), output => output is AlarmRaised { RuleId: "mode-alarm" });
    }

    [Fact]
    public void Event_FiveDeniedInTwoMinutes()
    {
        var (engine, clock) = Start(SchoolMorning);

        for (var swipe = 0; swipe < 4; swipe++)
        {
            Assert.Empty(engine.EvaluateEvent(Event(clock, "door-3", "card-denied")));
            clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Contains(engine.EvaluateEvent(Event(clock, "door-3", "card-denied")), output => output is AlarmRaised { RuleId: "card-denied" });
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(engine.Tick(), output => output is AlarmCleared { RuleId: "card-denied" });
    }

    [Fact]
    public void Offline_ThirtySeconds()
    {
        var (engine, clock) = Start(SchoolMorning);

        engine.EvaluateEvent(Event(clock, "panel", DeviceEventTypes.Offline));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains(engine.Tick(), output => output is AlarmRaised { RuleId: "panel-offline" });
        Assert.Contains(engine.EvaluateEvent(Event(clock, "panel", DeviceEventTypes.Online)), output => output is AlarmCleared { RuleId: "panel-offline" });
    }

    [Fact]
    public void Stale_SilentSmokeInput()
    {
        var (engine, clock) = Start(SchoolMorning);
        engine.Evaluate(Boolean(clock, Smoke, false));

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains(engine.Tick(), output => output is AlarmRaised { RuleId: "smoke-silent" });
    }

    [Fact]
    public void All_SmokeAndDoorAtNight()
    {
        var (engine, clock) = Start(new DateTimeOffset(2025, 9, 19, 23, 30, 0, TimeSpan.FromHours(8)));
        engine.Evaluate(Boolean(clock, Door, false));
        engine.Evaluate(Boolean(clock, Smoke, true));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(engine.Tick(), output => output is AlarmRaised { RuleId: "smoke-and-door" });

        engine.Evaluate(Boolean(clock, Door, true));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(engine.Tick(), output => output is AlarmRaised { RuleId: "smoke-and-door" });
    }

    // The stale rule on the smoke input also raises while these tests send no smoke samples, so they look at CO2 only.
    private static bool IsCo2Raise(RuleOutput output) => output is AlarmRaised raised && raised.RuleId.StartsWith("co2-high", StringComparison.Ordinal);

    private static (RuleEngine Engine, FakeTimeProvider Clock) Start(DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        return (new RuleEngine(Definitions(), clock), clock);
    }

    private static IReadOnlyList<SmartCampus.Edge.Rules.Definitions.RuleDefinition> Definitions()
    {
        var result = RuleYaml.Load(RuleYaml.Valid);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return RuleDefinitionFactory.Create(result.Configuration!);
    }

    private static Sample Number(TimeProvider clock, PointId point, double value) => Create(clock, point, PointValue.FromNumber(value));

    private static Sample Boolean(TimeProvider clock, PointId point, bool value) => Create(clock, point, PointValue.FromBoolean(value));

    private static Sample Create(TimeProvider clock, PointId point, PointValue value) =>
        new(point, value, Quality.Good, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())));

    private static DeviceEvent Event(TimeProvider clock, string device, string type) =>
        new(device, type, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())));
}
