using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads one action of a rule; the key that names its target (setOutput, notice, emergencyNotice) is its kind.</summary>
internal static class ActionReader
{
    public const string ItemExample = "{setOutput: fire-panel.siren, value: true}";

    private const string SetOutputKey = "setOutput";
    private const string NoticeKey = "notice";
    private const string EmergencyNoticeKey = "emergencyNotice";
    private const string GateModeKey = "gateMode";

    private static readonly IReadOnlyList<string> KindKeys = [SetOutputKey, NoticeKey, EmergencyNoticeKey, GateModeKey];

    private static readonly ChoiceSet<GateModeSetting> GateModes = new(
        ("holdOpen", GateModeSetting.HoldOpen),
        ("controlled", GateModeSetting.Controlled),
        ("locked", GateModeSetting.Locked));

    /// <summary>Returns the action, or null when it names no kind or more than one.</summary>
    public static RuleActionConfiguration? Read(MappingReader action)
    {
        var kinds = KindKeys.Select(action.Key).Where(kind => kind.Node is not null).ToList();

        RuleActionConfiguration? result = null;
        if (kinds.Count == 0)
        {
            var message = new ProblemMessage(MessageKeys.ActionKindMissing, KindKeys);
            action.Context.Problems.Add(ConfigurationProblemKind.MissingKey, action.Start, action.Path, null, message);
        }
        else if (kinds.Count > 1)
        {
            var message = new ProblemMessage(MessageKeys.ActionKindMultiple, kinds[0].Key, kinds[1].Key);
            kinds[1].Report(ConfigurationProblemKind.InvalidCombination, kinds[1].RawText, message);
        }
        else if (kinds[0].Key == SetOutputKey)
        {
            result = ReadSetOutput(action, kinds[0]);
        }
        else if (kinds[0].Key == GateModeKey)
        {
            result = ReadGateMode(action, kinds[0]);
        }
        else
        {
            result = ReadNotice(action, kinds[0]);
        }

        action.ReportUnknownKeys();
        return result;
    }

    private static SetOutputActionConfiguration ReadSetOutput(MappingReader action, ValueReader pointValue)
    {
        var point = pointValue.RequiredPointReference("fire-panel.siren");
        pointValue.RequireSignal(point, PointSignal.GpioOutput, MessageKeys.SetOutputNeedsGpioOutput);
        var value = action.Key("value").RequiredBoolean("true");
        var pulse = action.Key("pulse").OptionalDuration(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), "5s");

        return new SetOutputActionConfiguration
        {
            Point = point?.Id ?? default,
            Value = value ?? false,
            Pulse = pulse,
        };
    }

    private static NoticeActionConfiguration ReadNotice(MappingReader action, ValueReader targetValue)
    {
        var target = ReadNoticeTarget(targetValue);
        var text = action.Key("text").RequiredMapping(NoticeTextReader.Example);

        return new NoticeActionConfiguration
        {
            BoardId = target == DeviceIndex.AllBoards ? null : target,
            IsEmergency = targetValue.Key == EmergencyNoticeKey,
            Text = text is null ? NoticeTextReader.Empty : NoticeTextReader.Read(text),
        };
    }

    private static GateModeActionConfiguration ReadGateMode(MappingReader action, ValueReader gateValue)
    {
        var gate = ReadGateTarget(gateValue);
        var mode = action.Key("mode").RequiredChoice(GateModes);

        return new GateModeActionConfiguration
        {
            GateId = gate == DeviceIndex.AllBoards ? null : gate,
            Mode = mode ?? GateModeSetting.HoldOpen,
        };
    }

    /// <summary>Returns an access-gate id or "all".</summary>
    private static string? ReadGateTarget(ValueReader gateValue)
    {
        var target = gateValue.RequiredText("gate-east");
        if (target is null || target == DeviceIndex.AllBoards)
        {
            return target;
        }

        var devices = gateValue.Context.Devices;
        var gates = NameList.Limit(devices.AccessGateIds);
        if (!devices.TryGet(target, out var device))
        {
            gateValue.Report(ConfigurationProblemKind.UnknownReference, target, new ProblemMessage(MessageKeys.GateTargetUnknown, target, gates));
            return null;
        }

        if (device.Kind is not null && device.Kind != DeviceKind.AccessGate)
        {
            gateValue.Report(ConfigurationProblemKind.WrongReference, target, new ProblemMessage(MessageKeys.GateTargetNotGate, target, gates));
            return null;
        }

        return target;
    }

    /// <summary>Returns a class-board id or "all".</summary>
    private static string? ReadNoticeTarget(ValueReader targetValue)
    {
        var target = targetValue.RequiredText("board-201", Expect.BoardTarget);
        if (target is null || target == DeviceIndex.AllBoards)
        {
            return target;
        }

        var devices = targetValue.Context.Devices;
        var boards = NameList.Limit(devices.ClassBoardIds);
        if (!devices.TryGet(target, out var device))
        {
            targetValue.Report(ConfigurationProblemKind.UnknownReference, target, new ProblemMessage(MessageKeys.NoticeTargetUnknown, target, boards));
            return null;
        }

        if (device.Kind is not null && device.Kind != DeviceKind.ClassBoard)
        {
            targetValue.Report(ConfigurationProblemKind.WrongReference, target, new ProblemMessage(MessageKeys.NoticeTargetNotBoard, target, boards));
            return null;
        }

        return target;
    }
}
