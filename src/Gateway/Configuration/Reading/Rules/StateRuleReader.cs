using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads a state rule: exactly one of <c>equals</c>, <c>changes: true</c> and <c>edge</c>, with optional debounce.</summary>
internal static class StateRuleReader
{
    private static readonly ChoiceSet<StateTriggerSetting> Edges = new(
        ("rising", StateTriggerSetting.Rising),
        ("falling", StateTriggerSetting.Falling));

    public static StateRuleConfiguration? Read(MappingReader rule, ValueReader pointValue, RulePoint? point, CommonRuleKeys common)
    {
        var equals = rule.Key("equals");
        var changes = rule.Key("changes");
        var edge = rule.Key("edge");
        var debounce = rule.Key("debounce").OptionalDuration(TimeSpan.Zero, TimeSpan.FromHours(1), "2s");
        var clearAfterValue = rule.Key("clearAfter");
        var clearAfter = clearAfterValue.OptionalDuration(TimeSpan.Zero, TimeSpan.FromDays(1), "1m");

        var written = new[] { equals, changes, edge }.Where(trigger => trigger.Node is not null).ToList();
        if (written.Count == 0)
        {
            var message = new ProblemMessage(MessageKeys.StateTriggerMissing);
            rule.Context.Problems.Add(ConfigurationProblemKind.MissingKey, rule.Start, KeyPath.Child(rule.Path, "equals"), null, message);
            return null;
        }

        if (written.Count > 1)
        {
            written[1].Report(ConfigurationProblemKind.InvalidCombination, written[1].RawText, new ProblemMessage(MessageKeys.StateTriggerMultiple, written[0].Key, written[1].Key));
            return null;
        }

        StateTriggerSetting? trigger;
        PointValue value = default;
        if (equals.Node is not null)
        {
            trigger = StateTriggerSetting.EqualTo;
            value = ReadEquals(equals, point) ?? default;
            if (clearAfterValue.Node is not null)
            {
                clearAfterValue.Report(ConfigurationProblemKind.InvalidCombination, clearAfterValue.RawText, new ProblemMessage(MessageKeys.StateClearAfterOnEquals));
            }
        }
        else if (changes.Node is not null)
        {
            trigger = ReadChanges(changes);
        }
        else
        {
            trigger = edge.RequiredChoice(Edges);
        }

        return trigger is not { } chosen ? null : new StateRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            Trigger = chosen,
            Value = value,
            Debounce = debounce ?? TimeSpan.Zero,
            ClearAfter = clearAfter ?? TimeSpan.Zero,
        };
    }

    private static StateTriggerSetting? ReadChanges(ValueReader changes)
    {
        var on = changes.RequiredBoolean("true");
        if (on == false)
        {
            changes.Report(ConfigurationProblemKind.InvalidValue, changes.RawText, new ProblemMessage(MessageKeys.StateChangesFalse));
            return null;
        }

        return on is null ? null : StateTriggerSetting.Changes;
    }

    /// <summary>Reads the compared value; an on/off GPIO point compares with true or false, a numeric point with a number or a boolean.</summary>
    private static PointValue? ReadEquals(ValueReader equals, RulePoint? point)
    {
        var value = PointValueReader.Read(equals, "3", required: true);
        if (value is not { } read || point is null)
        {
            return value;
        }

        var signal = point.Point.Signal;
        var onOff = signal is PointSignal.GpioInput or PointSignal.GpioOutput;
        if (onOff && read.Kind != PointValueKind.Boolean)
        {
            equals.Report(ConfigurationProblemKind.WrongReference, equals.RawText, new ProblemMessage(MessageKeys.StateEqualsNeedsBoolean, point.Point.Id.ToString(), equals.RawText));
            return null;
        }

        // MQTT sensor points may carry text, so only Modbus points, which are always numbers, reject a text.
        var modbus = equals.Context.Devices.TryGet(point.Point.Id.Device, out var device) && device.Kind is DeviceKind.ModbusTcp or DeviceKind.ModbusRtu;
        if (modbus && read.Kind == PointValueKind.Text)
        {
            equals.Report(ConfigurationProblemKind.WrongReference, equals.RawText, new ProblemMessage(MessageKeys.StateEqualsNeedsNumber, point.Point.Id.ToString(), equals.RawText));
            return null;
        }

        return read;
    }
}
