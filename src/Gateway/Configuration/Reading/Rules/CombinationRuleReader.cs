using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Rules.Definitions;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a combination: <c>rules</c> names rules listed earlier, so the rule list can hold no cycle. A pattern rule
/// stands for all its instances, which <c>not</c> cannot take.
/// </summary>
internal static class CombinationRuleReader
{
    public static CombinationRuleConfiguration? Read(MappingReader rule, CombinationSetting kind, RuleReadScope scope, CommonRuleKeys common)
    {
        var rulesValue = rule.Key("rules");
        var items = rulesValue.ScalarList("[smoke-1, smoke-2]", required: true);
        if (items is null)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var item in items)
        {
            if (!scope.IsEarlier(item.Text))
            {
                item.Report(ConfigurationProblemKind.UnknownReference, new ProblemMessage(MessageKeys.CombinationRuleUnknown, item.Text, NameList.Limit(scope.EarlierIds)));
                continue;
            }

            if (kind == CombinationSetting.Not && scope.IsPattern(item.Text))
            {
                item.Report(ConfigurationProblemKind.InvalidCombination, new ProblemMessage(MessageKeys.CombinationNotPattern, item.Text));
                continue;
            }

            ids.Add(item.Text);
        }

        if (kind == CombinationSetting.Not && items.Count != 1)
        {
            rulesValue.Report(ConfigurationProblemKind.InvalidCombination, null, new ProblemMessage(MessageKeys.CombinationNotNeedsOne, items.Count));
            return null;
        }

        if (ids.Count != items.Count || ids.Count == 0)
        {
            return null;
        }

        return new CombinationRuleConfiguration
        {
            Id = common.Id,
            Point = new PointId(CombinationRuleDefinition.PlaceholderDevice, common.Id),
            Severity = common.Severity,
            Actions = common.Actions,
            Kind = kind,
            RuleIds = ids,
        };
    }
}
