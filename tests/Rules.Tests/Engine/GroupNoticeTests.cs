using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

/// <summary>A notice to a board group leaves the engine as one command that names the group, for the host to resolve.</summary>
public class GroupNoticeTests
{
    private static readonly BoardGroup FloorTwo = new("A", "2", null);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void EmergencyNotice_CarriesGroupOnRaiseClearAndRestore()
    {
        var rule = new InputRuleDefinition(
            "fire-floor-2", TestRules.Smoke, activeLevel: true, AlarmSeverity.Critical, [new NoticeAction(FloorTwo, TestRules.FireNotice, emergency: true)]);
        var engine = new RuleEngine([rule], clock);

        var sent = Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true)).OfType<SendNoticeCommand>());
        var restarted = new RuleEngine([rule], clock);
        var reasserted = Assert.Single(restarted.Restore(engine.TakeSnapshot()).OfType<SendNoticeCommand>());
        var withdrawn = Assert.Single(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false)).OfType<ClearEmergencyNoticeCommand>());

        Assert.Equal(FloorTwo, sent.Group);
        Assert.Equal("building=A,floor=2", sent.Target);
        Assert.Equal(FloorTwo, reasserted.Group);
        Assert.Equal(sent.NoticeId, reasserted.NoticeId);
        Assert.Equal(FloorTwo, withdrawn.Group);
        Assert.Equal(sent.NoticeId, withdrawn.NoticeId);
        Assert.Empty(rule.NoticeTargets);
    }
}
