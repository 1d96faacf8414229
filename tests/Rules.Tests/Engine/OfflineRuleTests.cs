using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class OfflineRuleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static OfflineRuleDefinition PanelOffline() => new("panel-offline", "fire-panel", TimeSpan.FromSeconds(30), AlarmSeverity.Major);

    [Fact]
    public void Offline_RaisesAfterDuration()
    {
        var engine = new RuleEngine([PanelOffline()], clock);

        Assert.Empty(engine.EvaluateEvent(Event(DeviceEventTypes.Offline)));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(engine.Tick());
        clock.Advance(TimeSpan.FromSeconds(1));

        var raised = Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick()));
        Assert.Equal("DeviceOffline", raised.Alarm.Message.Key);
    }

    [Fact]
    public void Online_CancelsAndClears()
    {
        var engine = new RuleEngine([PanelOffline()], clock);
        engine.EvaluateEvent(Event(DeviceEventTypes.Offline));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(engine.EvaluateEvent(Event(DeviceEventTypes.Online)));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(engine.Tick());

        engine.EvaluateEvent(Event(DeviceEventTypes.Fault));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<AlarmRaised>(Assert.Single(engine.Tick()));

        Assert.IsType<AlarmCleared>(Assert.Single(engine.EvaluateEvent(Event(DeviceEventTypes.Online))));
    }

    [Fact]
    public void RepeatedOffline_KeepsFirstTime()
    {
        var engine = new RuleEngine([PanelOffline()], clock);
        engine.EvaluateEvent(Event(DeviceEventTypes.Offline));
        clock.Advance(TimeSpan.FromSeconds(20));

        engine.EvaluateEvent(Event(DeviceEventTypes.Offline));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(engine.Tick());
    }

    [Fact]
    public void Restart_ResumesRemainingTime()
    {
        var first = new RuleEngine([PanelOffline()], clock);
        first.EvaluateEvent(Event(DeviceEventTypes.Offline));
        clock.Advance(TimeSpan.FromSeconds(20));
        var snapshot = RuleSnapshotJson.Deserialize(RuleSnapshotJson.Serialize(first.TakeSnapshot()));
        clock.Advance(TimeSpan.FromHours(1));

        var second = new RuleEngine([PanelOffline()], clock);
        second.Restore(snapshot);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(second.Tick());
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.IsType<AlarmRaised>(Assert.Single(second.Tick()));
    }

    private DeviceEvent Event(string type) => new("fire-panel", type, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())));
}
