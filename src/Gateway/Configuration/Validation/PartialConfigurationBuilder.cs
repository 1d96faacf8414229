using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>Builds the configuration without broken devices, when the problems allow it.</summary>
internal static class PartialConfigurationBuilder
{
    /// <summary>
    /// Returns null when there is nothing to leave out or when a problem lies outside a device entry with a unique
    /// id: then no part of the file can be trusted on its own.
    /// </summary>
    public static PartialSiteConfiguration? Build(SiteConfiguration? site, IReadOnlyList<ConfigurationProblem> problems)
    {
        if (site is null || problems.Count == 0 || problems.Any(problem => problem.DeviceId is null))
        {
            return null;
        }

        var excluded = problems.Select(problem => problem.DeviceId!).ToHashSet(StringComparer.Ordinal);
        var excludedRules = new List<string>();
        var reducedRules = new List<string>();
        var rules = new List<RuleConfiguration>();
        var keptAlarmNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listed in site.Rules)
        {
            var rule = WithoutExcludedMatches(listed, excluded);

            // A combination of a left-out rule cannot be evaluated, so it is left out too.
            if (excluded.Contains(rule.Point.Device) || rule is CombinationRuleConfiguration combination && combination.RuleIds.Any(excludedRules.Contains))
            {
                excludedRules.Add(rule.Id);
                continue;
            }

            var actions = rule.Actions.Where(action => !TargetsExcluded(action, excluded) && !ResetsExcluded(action, excludedRules)
                && !ResetsUnraisedAlarm(action, rules, keptAlarmNames)).ToList();
            keptAlarmNames.UnionWith(actions.OfType<RaiseAlarmActionConfiguration>().Select(raise => raise.Name));
            if (actions.Count != rule.Actions.Count)
            {
                reducedRules.Add(rule.Id);
            }

            rules.Add(rule with { Actions = actions });
        }

        return new PartialSiteConfiguration
        {
            Configuration = site with
            {
                Devices = site.Devices.Where(device => !excluded.Contains(device.Id)).ToList(),
                Simulators = site.Simulators.Where(simulator => !TripsExcluded(simulator, excluded)).ToList(),
                Rules = rules,
            },
            ExcludedDeviceIds = [.. excluded.Order(StringComparer.Ordinal)],
            ExcludedRuleIds = excludedRules,
            ReducedRuleIds = reducedRules,
        };
    }

    /// <summary>Drops the matches of a pattern rule on excluded devices; a rule left without matches keeps one, so it is excluded.</summary>
    private static RuleConfiguration WithoutExcludedMatches(RuleConfiguration rule, HashSet<string> excluded)
    {
        if (rule.Pattern is not { } pattern)
        {
            return rule;
        }

        var kept = pattern.Points.Where(point => !excluded.Contains(point.Device)).ToList();
        return kept.Count == 0 ? rule : rule with { Point = kept[0], Pattern = pattern with { Points = kept } };
    }

    private static bool ResetsExcluded(RuleActionConfiguration action, List<string> excludedRules) =>
        action is ClearAlarmActionConfiguration clear && excludedRules.Contains(clear.RuleId);

    // A named alarm whose raising rules were all left out does not exist in the reduced rule set, so its reset goes too.
    private static bool ResetsUnraisedAlarm(RuleActionConfiguration action, List<RuleConfiguration> keptRules, HashSet<string> keptAlarmNames) =>
        action is ClearAlarmActionConfiguration clear
        && !keptAlarmNames.Contains(clear.RuleId)
        && !keptRules.Any(rule => rule.Id == clear.RuleId);

    private static bool TargetsExcluded(RuleActionConfiguration action, HashSet<string> excluded) => action switch
    {
        SetOutputActionConfiguration setOutput => excluded.Contains(setOutput.Point.Device),
        WritePointActionConfiguration writePoint => excluded.Contains(writePoint.Point.Device),
        NoticeActionConfiguration { BoardId: { } boardId } => excluded.Contains(boardId),
        _ => false,
    };

    private static bool TripsExcluded(SimulatorConfiguration simulator, HashSet<string> excluded) =>
        simulator is SmokeTripSimulatorConfiguration smokeTrip && excluded.Contains(smokeTrip.Point.Device);
}
