using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class SourceTimeTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FarSourceTime_FlaggedOnce()
    {
        var logger = new ListLogger();
        var engine = new RuleEngine([TestRules.Co2High()], clock, logger);

        engine.Evaluate(WithSourceTime(1000, new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        engine.Evaluate(WithSourceTime(1000, new DateTimeOffset(1970, 1, 1, 0, 0, 5, TimeSpan.Zero)));

        Assert.True(engine.IsSourceTimeSuspect(TestRules.Co2));
        Assert.Single(logger.Entries, entry => entry.EventId.Id == 3017);
        engine.Evaluate(WithSourceTime(1000, clock.GetUtcNow().AddSeconds(2)));
        Assert.False(engine.IsSourceTimeSuspect(TestRules.Co2));
    }

    [Fact]
    public void FarSourceTime_DurationUsesGatewayClock()
    {
        var engine = new RuleEngine([TestRules.Co2High()], clock);

        // The device claims each reading is a day later than the last; only the gateway's 2 minutes count.
        engine.Evaluate(WithSourceTime(1600, clock.GetUtcNow().AddDays(30)));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(engine.Evaluate(WithSourceTime(1600, clock.GetUtcNow().AddDays(31))));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.IsType<AlarmRaised>(engine.Evaluate(WithSourceTime(1600, clock.GetUtcNow().AddDays(32)))[0]);
    }

    private Sample WithSourceTime(double ppm, DateTimeOffset sourceTime) =>
        TestSamples.Number(clock, TestRules.Co2, ppm) with { SourceTime = sourceTime };
}
