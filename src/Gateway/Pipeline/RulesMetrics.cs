using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Rules": rule engine evaluations by trigger (sample, event, tick),
/// alarms raised and cleared by rule, publish retries and drops by rule, and the active alarms of every running engine. The rule engine does no I/O,
/// so the pipeline records these around its calls.
/// </summary>
public static class RulesMetrics
{
    public const string MeterName = "SmartCampus.Edge.Rules";

    /// <summary>Tag <c>reason</c> of a publish dropped after its last retry failed.</summary>
    public const string DropReasonRetriesExhausted = "retries_exhausted";

    /// <summary>Tag <c>reason</c> of a publish that still waited for a retry when the gateway stopped.</summary>
    public const string DropReasonStopped = "stopped";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<RuleEngine, byte> Engines = new();

    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(
        "smartcampus.rules.evaluations", "{evaluation}", "Calls into the rule engine, by trigger: sample, event or tick.");

    private static readonly Counter<long> AlarmsRaised = Meter.CreateCounter<long>(
        "smartcampus.rules.alarms_raised", "{alarm}", "Alarms raised, by rule and severity.");

    private static readonly Counter<long> AlarmsCleared = Meter.CreateCounter<long>(
        "smartcampus.rules.alarms_cleared", "{alarm}", "Alarms cleared, by rule.");

    private static readonly Counter<long> PublishRetries = Meter.CreateCounter<long>(
        "smartcampus.rules.publish_retries", "{publish}", "Publish actions sent again after the campus broker did not take them, by rule.");

    private static readonly Counter<long> PublishesDropped = Meter.CreateCounter<long>(
        "smartcampus.rules.publishes_dropped", "{publish}", "Publish actions given up, by rule and reason: every retry failed, or the gateway stopped while they waited.");

    static RulesMetrics()
    {
        Meter.CreateObservableGauge(
            "smartcampus.rules.active_alarms",
            () => Engines.Keys.Select(engine => new Measurement<int>(engine.ActiveAlarms.Count)),
            "{alarm}",
            "Alarms raised and not yet cleared.");
    }

    internal static IDisposable Track(RuleEngine engine)
    {
        Engines.TryAdd(engine, 0);
        return new Registration(engine);
    }

    internal static void RecordEvaluation(string trigger) =>
        Evaluations.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    internal static void RecordRaised(Alarm alarm) =>
        AlarmsRaised.Add(1, new KeyValuePair<string, object?>("rule", alarm.RuleId), new KeyValuePair<string, object?>("severity", alarm.Severity.ToString().ToLowerInvariant()));

    internal static void RecordCleared(Alarm alarm) =>
        AlarmsCleared.Add(1, new KeyValuePair<string, object?>("rule", alarm.RuleId));

    internal static void RecordPublishRetry(string ruleId) =>
        PublishRetries.Add(1, new KeyValuePair<string, object?>("rule", ruleId));

    internal static void RecordPublishDropped(string ruleId, string reason) =>
        PublishesDropped.Add(1, new KeyValuePair<string, object?>("rule", ruleId), new KeyValuePair<string, object?>("reason", reason));

    private sealed class Registration(RuleEngine engine) : IDisposable
    {
        public void Dispose() => Engines.TryRemove(engine, out _);
    }
}
