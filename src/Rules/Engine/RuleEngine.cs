using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Evaluates the site's rules against incoming samples and returns alarms and commands for the host to route. It
/// never touches a device and does no I/O. Durations run on <see cref="TimeProvider.GetTimestamp"/>, so a step of
/// the wall clock neither shortens nor stretches them. Wall-clock time only stamps alarms.
/// </summary>
/// <remarks>
/// Thread safety: every member takes one lock, so the console may read <see cref="ActiveAlarms"/> while the
/// pipeline evaluates. Outputs follow the order of the calls, so the host should feed samples of one point from one
/// task, in the order they were read.
/// </remarks>
public sealed class RuleEngine
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly RuleState[] states;
    private readonly Dictionary<PointId, RuleState[]> statesByPoint;

    /// <exception cref="ArgumentException">A definition is null, or two definitions share an id.</exception>
    // TODO: replacing the rule set means building a new engine, which loses active alarms and the outputs they keep
    // set. Carrying that state across a configuration reload is still to be built.
    public RuleEngine(IEnumerable<RuleDefinition> definitions, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var definitionList = definitions.ToArray();
        CheckDefinitions(definitionList);

        logger ??= NullLogger.Instance;
        var lifecycle = new AlarmLifecycle(timeProvider, logger);

        this.timeProvider = timeProvider;
        Definitions = definitionList.AsReadOnly();
        states = definitionList.Select(definition => CreateState(definition, lifecycle)).ToArray();
        statesByPoint = states
            .GroupBy(state => state.Definition.Point)
            .ToDictionary(group => group.Key, group => group.ToArray());

        Log.EngineStarted(logger, states.Length, statesByPoint.Count);
    }

    /// <summary>The rules in the order given; rules on one point are evaluated in this order.</summary>
    public IReadOnlyList<RuleDefinition> Definitions { get; }

    /// <summary>Alarms raised and not yet cleared, at most one per rule, in rule order.</summary>
    public IReadOnlyList<Alarm> ActiveAlarms
    {
        get
        {
            lock (gate)
            {
                return states.Select(state => state.ActiveAlarm).OfType<Alarm>().ToArray();
            }
        }
    }

    /// <summary>
    /// Time until the next pending duration runs out (zero when overdue), so the host can sleep until then and call
    /// <see cref="Tick"/>; null when no duration is pending and only a new sample can change anything.
    /// </summary>
    public TimeSpan? NextDueIn
    {
        get
        {
            lock (gate)
            {
                var now = timeProvider.GetTimestamp();
                return states.Select(state => state.DueIn(now)).Where(due => due is not null).Min();
            }
        }
    }

    /// <summary>
    /// Evaluates every rule on the sample's point. Returns, per rule, an <see cref="AlarmRaised"/> followed by the
    /// rule's commands in the order written, or an <see cref="AlarmCleared"/> followed by the reversals; empty when
    /// nothing changed or no rule reads the point.
    /// </summary>
    public IReadOnlyList<RuleOutput> Evaluate(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);

        if (!statesByPoint.TryGetValue(sample.Point, out var pointStates))
        {
            return [];
        }

        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            var outputs = new List<RuleOutput>();
            foreach (var state in pointStates)
            {
                state.Evaluate(sample, now, outputs);
            }

            return outputs;
        }
    }

    /// <summary>
    /// Raises the alarms whose duration has run out without a new sample. Call it periodically (every second is
    /// enough for alarm durations) or after <see cref="NextDueIn"/>.
    /// </summary>
    public IReadOnlyList<RuleOutput> Tick()
    {
        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            var outputs = new List<RuleOutput>();
            foreach (var state in states)
            {
                state.CompleteDue(now, outputs);
            }

            return outputs;
        }
    }

    private static void CheckDefinitions(RuleDefinition[] definitions)
    {
        if (definitions.Any(definition => definition is null))
        {
            throw new ArgumentException("The rule list contains a null definition.", nameof(definitions));
        }

        var duplicates = definitions
            .GroupBy(definition => definition.Id, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new ArgumentException($"Rule ids must be unique; repeated: {string.Join(", ", duplicates)}.", nameof(definitions));
        }
    }

    private static RuleState CreateState(RuleDefinition definition, AlarmLifecycle lifecycle) => definition switch
    {
        ThresholdRuleDefinition threshold => new ThresholdRuleState(threshold, lifecycle),
        InputRuleDefinition input => new InputRuleState(input, lifecycle),
        _ => throw new ArgumentException($"Rule '{definition.Id}' is of the unsupported kind {definition.GetType().Name}.", nameof(definition)),
    };
}
