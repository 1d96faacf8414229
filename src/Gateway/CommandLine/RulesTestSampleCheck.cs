using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Resources;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Testing;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary>
/// Checks a sample series against the site before <c>rules test</c> runs it. The engine skips a sample of an unknown
/// point, a value a rule cannot use and an acknowledgement of an unknown rule without a word. A technician would then
/// read "no alarms" as "the rule never fires".
/// </summary>
internal static class RulesTestSampleCheck
{
    /// <summary>Returns one operator text per problem, in the current UI language; empty when the series fits the site.</summary>
    public static IReadOnlyList<string> Problems(SiteConfiguration site, IReadOnlyList<RuleDefinition> rules, SampleSeries series)
    {
        var devices = site.Devices.ToDictionary(device => device.Id, StringComparer.Ordinal);
        var thresholdPoints = rules.OfType<ThresholdRuleDefinition>().Select(rule => rule.Point).ToHashSet();
        var inputPoints = rules.OfType<InputRuleDefinition>().Select(rule => rule.Point).ToHashSet();
        var problems = new List<string>();

        foreach (var step in series.Steps)
        {
            if (step.AcknowledgeRule is { } ruleId)
            {
                // A rule written with a point pattern runs as one copy per device, named "{id}@{device}".
                if (!rules.Any(rule => rule.Id == ruleId || rule.Id.StartsWith(ruleId + "@", StringComparison.Ordinal)))
                {
                    problems.Add(GatewayText.Format("RulesTestRuleUnknown", step.Line, ruleId, Names(rules.Select(rule => rule.Id))));
                }

                continue;
            }

            if (!devices.TryGetValue(step.Point.Device, out var device))
            {
                problems.Add(GatewayText.Format("RulesTestDeviceUnknown", step.Line, step.Point.Device, Names(devices.Keys)));
                continue;
            }

            if (step.EventType is not null)
            {
                continue;
            }

            // Points of other device kinds (I2C sensors, boards, gates) come from their drivers, so only these are listed.
            if (PointIds(device) is { } points && !points.Contains(step.Point.Point))
            {
                problems.Add(GatewayText.Format("RulesTestPointUnknown", step.Line, step.Point, Names(points.Select(point => $"{device.Id}.{point}"))));
                continue;
            }

            if (thresholdPoints.Contains(step.Point) && step.Value.Kind == PointValueKind.Text)
            {
                problems.Add(GatewayText.Format("RulesTestNumberExpected", step.Line, step.Point, step.Value));
            }
            else if (inputPoints.Contains(step.Point) && !IsLevel(step.Value))
            {
                problems.Add(GatewayText.Format("RulesTestLevelExpected", step.Line, step.Point, step.Value));
            }
        }

        return problems;
    }

    private static bool IsLevel(PointValue value) =>
        value.Kind is PointValueKind.Boolean or PointValueKind.None || (value.Kind == PointValueKind.Number && value.Number is 0 or 1);

    private static HashSet<string>? PointIds(DeviceConfiguration device) => device switch
    {
        GpioDeviceConfiguration gpio => [.. gpio.Points.Select(point => point.Id)],
        ModbusTcpDeviceConfiguration tcp => [.. tcp.Points.Select(point => point.Id)],
        ModbusRtuDeviceConfiguration rtu => [.. rtu.Points.Select(point => point.Id)],
        MqttSensorConfiguration mqtt => [.. mqtt.Points.Select(point => point.Id)],
        _ => null,
    };

    /// <summary>Joins the first names for a hint, because a large campus would otherwise print hundreds.</summary>
    private static string Names(IEnumerable<string> names)
    {
        const int MaxNames = 8;
        var list = names.Order(StringComparer.Ordinal).ToList();
        return OperatorList.Join(list.Count <= MaxNames ? list : [.. list.Take(MaxNames), "…"]);
    }
}
