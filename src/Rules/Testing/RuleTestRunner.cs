using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>
/// Runs rules against a sample series on a simulated clock, without devices, and returns every output in time order.
/// Between two lines the clock stops at each due time (a duration running out, a stale deadline, a shelving expiry),
/// so timed alarms appear at the moment they would on the gateway. After the last line the run continues for
/// <paramref name="runOut"/> to show what the last samples lead to.
/// </summary>
public static class RuleTestRunner
{
    public static IReadOnlyList<TimelineEntry> Run(
        IEnumerable<RuleDefinition> rules,
        SampleSeries series,
        TimeSpan runOut = default,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(series);

        var clock = new ManualTimeProvider(series.Start);
        var engine = new RuleEngine(rules, clock, logger);
        var timeline = new List<TimelineEntry>();
        var now = TimeSpan.Zero;

        foreach (var step in series.Steps)
        {
            now = AdvanceTo(engine, clock, now, step.Offset, series.Start, timeline);
            var stamp = new MonotonicStamp("rule-test", now);
            if (step.AcknowledgeRule is { } ruleId)
            {
                Acknowledge(engine, ruleId, step, now, series.Start, timeline);
                continue;
            }

            var outputs = step.EventType is { } eventType
                ? engine.EvaluateEvent(new DeviceEvent(step.Point.Device, eventType, clock.GetUtcNow(), stamp))
                : engine.Evaluate(new Sample(step.Point, step.Value, step.Quality, clock.GetUtcNow(), stamp));
            Record(timeline, now, series.Start, step.Line, outputs);
        }

        var end = (series.Steps.Count > 0 ? series.Steps[^1].Offset : TimeSpan.Zero) + runOut;
        AdvanceTo(engine, clock, now, end, series.Start, timeline);
        return timeline;
    }

    /// <summary>
    /// Records the outputs of an acknowledgement line, or an entry saying why it changed nothing. An alarm that
    /// cleared earlier in this run is named as such, because "no active alarm" alone reads like a typo in the rule id.
    /// </summary>
    private static void Acknowledge(RuleEngine engine, string ruleId, TestStep step, TimeSpan now, DateTimeOffset start, List<TimelineEntry> timeline)
    {
        var result = engine.Acknowledge(ruleId, step.Origin, "rule-test");
        if (result.Accepted || result.Reason is not { } reason)
        {
            Record(timeline, now, start, step.Line, result.Outputs);
            return;
        }

        var cleared = timeline.LastOrDefault(entry => entry.Output is AlarmCleared { RuleId: var id } && id == ruleId);
        var raisedSince = cleared is not null && timeline.Any(entry => entry.Output is AlarmRaised { RuleId: var id } && id == ruleId && entry.Offset > cleared.Offset);
        if (reason.Key == "AcknowledgeNoAlarm" && cleared is not null && !raisedSince)
        {
            reason = new AlarmMessage("AcknowledgeAlreadyCleared", [ruleId, cleared.Offset.ToString(TimelineFormatter.OffsetFormat, CultureInfo.InvariantCulture)]);
        }

        timeline.Add(new TimelineEntry(now, start + now, step.Line, null, new AcknowledgeNotApplied(ruleId, reason)));
    }

    private static TimeSpan AdvanceTo(RuleEngine engine, ManualTimeProvider clock, TimeSpan now, TimeSpan target, DateTimeOffset start, List<TimelineEntry> timeline)
    {
        while (engine.NextDueIn is { } due && now + due <= target)
        {
            clock.Advance(due);
            now += due;
            Record(timeline, now, start, null, engine.Tick());
        }

        clock.Advance(target - now);
        return target;
    }

    private static void Record(List<TimelineEntry> timeline, TimeSpan offset, DateTimeOffset start, int? line, IReadOnlyList<RuleOutput> outputs)
    {
        foreach (var output in outputs)
        {
            timeline.Add(new TimelineEntry(offset, start + offset, line, output));
        }
    }
}
