using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Alarms;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Gateway.WebConsole.Rules;

/// <summary>Each rule instance: its kind and point, whether it is in alarm, pending (and for how long) or shelved.</summary>
internal static class RulesPage
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/rules", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext context, RuleEngine engine, FieldChannel channel)
    {
        var page = ConsolePage.For(context);
        RuleEngineSnapshot snapshot;
        try
        {
            snapshot = await new EngineCommands(channel).SnapshotAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return page.Render("RulesTitle", string.Empty, ConsoleText.Get("PipelineBusy"), isError: true, StatusCodes.Status503ServiceUnavailable);
        }

        var instances = snapshot.Instances.ToDictionary(instance => instance.RuleId, StringComparer.Ordinal);
        var body = new StringBuilder("<table class=\"grid\" id=\"rules\"><thead><tr>");
        body.Append(CultureInfo.InvariantCulture, $"<th>{Html.E(ConsoleText.Get("ColumnRule"))}</th><th>{Html.E(ConsoleText.Get("ColumnKind"))}</th><th>{Html.E(ConsoleText.Get("ColumnPoint"))}</th><th>{Html.E(ConsoleText.Get("ColumnState"))}</th><th>{Html.E(ConsoleText.Get("ColumnPending"))}</th><th>{Html.E(ConsoleText.Get("ColumnShelved"))}</th>")
            .Append("</tr></thead><tbody>");
        foreach (var definition in engine.Definitions)
        {
            instances.TryGetValue(definition.Id, out var instance);
            body.Append("<tr data-rule=\"").Append(Html.E(definition.Id)).Append("\"><td>").Append(Html.E(definition.Id));
            if (definition.LifeSafety)
            {
                body.Append(" <span class=\"badge bad\">").Append(Html.E(ConsoleText.Get("LifeSafety"))).Append("</span>");
            }

            body.Append("</td><td>").Append(Html.E(KindOf(definition))).Append("</td><td>").Append(Html.E(definition.Point.ToString())).Append("</td><td data-field=\"state\">")
                .Append(Html.E(StateOf(instance))).Append("</td><td>").Append(Pending(definition, instance)).Append("</td><td>")
                .Append(Html.Duration(instance?.ShelvedRemaining)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return page.Render("RulesTitle", body.ToString());
    }

    private static string StateOf(RuleInstanceSnapshot? instance) => instance switch
    {
        { Alarm: { } alarm } => ConsoleText.Get($"AlarmState{alarm.State}"),
        { PendingElapsed: not null } => ConsoleText.Get("RulePending"),
        { ConditionActive: true } => ConsoleText.Get("RuleConditionActive"),
        _ => ConsoleText.Get("RuleIdle"),
    };

    /// <summary>Time counted towards the rule's duration, and the duration itself where the rule has one.</summary>
    private static string Pending(RuleDefinition definition, RuleInstanceSnapshot? instance)
    {
        if (instance?.PendingElapsed is not { } elapsed)
        {
            return "–";
        }

        TimeSpan? total = definition switch
        {
            ThresholdRuleDefinition threshold => threshold.For,
            StaleRuleDefinition stale => stale.Deadline,
            _ => null,
        };
        var text = total is { } duration ? $"{Html.Duration(elapsed)} / {Html.Duration(duration)}" : Html.Duration(elapsed);
        return instance.PendingValue is { } value ? ConsoleText.Format("WithDetail", text, Html.E(value.ToString())) : text;
    }

    private static string KindOf(RuleDefinition definition) => definition switch
    {
        ThresholdRuleDefinition { Direction: ThresholdDirection.Outside } threshold => ConsoleText.Format("RuleKindThresholdOutside", threshold.LowLimit, threshold.Limit),
        ThresholdRuleDefinition threshold => ConsoleText.Format($"RuleKindThreshold{threshold.Direction}", threshold.Limit),
        InputRuleDefinition input => ConsoleText.Format("RuleKindInput", ConsoleText.Get(input.ActiveLevel ? "RuleInputTrue" : "RuleInputFalse")),
        StaleRuleDefinition => ConsoleText.Get("RuleKindStale"),
        CombinationRuleDefinition => ConsoleText.Get("RuleKindCombination"),
        EventCountRuleDefinition => ConsoleText.Get("RuleKindEventCount"),
        _ => definition.GetType().Name,
    };
}
