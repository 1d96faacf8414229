using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads one action of a rule; the key that names its target (setOutput, writePoint, notice, emergencyNotice,
/// gateMode, publish, notifyDistrict, clearAlarm, raiseAlarm) is its kind.
/// </summary>
internal static class ActionReader
{
    public const string ItemExample = "{setOutput: fire-panel.siren, value: true}";

    private const string SetOutputKey = "setOutput";
    private const string WritePointKey = "writePoint";
    private const string NoticeKey = "notice";
    private const string EmergencyNoticeKey = "emergencyNotice";
    private const string GateModeKey = "gateMode";
    private const string PublishKey = "publish";
    private const string NotifyDistrictKey = "notifyDistrict";
    private const string ClearAlarmKey = "clearAlarm";
    private const string RaiseAlarmKey = "raiseAlarm";

    private static readonly IReadOnlyList<string> KindKeys =
        [SetOutputKey, WritePointKey, NoticeKey, EmergencyNoticeKey, GateModeKey, PublishKey, NotifyDistrictKey, ClearAlarmKey, RaiseAlarmKey];

    private static readonly ChoiceSet<GateModeSetting> GateModes = new(
        ("holdOpen", GateModeSetting.HoldOpen),
        ("controlled", GateModeSetting.Controlled),
        ("locked", GateModeSetting.Locked));

    /// <summary>Returns the action, or null when it names no kind or more than one, or when it does nothing (<c>notifyDistrict: false</c>).</summary>
    public static RuleActionConfiguration? Read(MappingReader action, RuleReadScope scope)
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
        else
        {
            result = kinds[0].Key switch
            {
                SetOutputKey => SetOutputReader.Read(action, kinds[0]),
                WritePointKey => ReadWritePoint(action, kinds[0]),
                GateModeKey => ReadGateMode(action, kinds[0]),
                PublishKey => ReadPublish(action, kinds[0]),
                NotifyDistrictKey => kinds[0].RequiredBoolean("true") == true ? new NotifyDistrictActionConfiguration() : null,
                ClearAlarmKey => ReadClearAlarm(kinds[0], scope),
                RaiseAlarmKey => RaiseAlarmReader.Read(action, kinds[0], scope),
                _ => ReadNotice(action, kinds[0]),
            };
        }

        action.ReportUnknownKeys();
        return result;
    }

    private static WritePointActionConfiguration? ReadWritePoint(MappingReader action, ValueReader pointValue)
    {
        var point = pointValue.RequiredPointReference("ahu-1.fan-speed");
        if (point is { Signal: PointSignal.GpioInput } input)
        {
            pointValue.Report(ConfigurationProblemKind.WrongReference, input.Id.ToString(), new ProblemMessage(MessageKeys.WritePointToInput, input.Id.ToString()));
        }

        var value = PointValueReader.Read(action.Key("value"), "0", required: true);
        var clearValue = PointValueReader.Read(action.Key("clearValue"), "60", required: false);
        if (point is null || value is null)
        {
            return null;
        }

        return new WritePointActionConfiguration { Point = point.Value.Id, Value = value.Value, ClearValue = clearValue };
    }

    private static PublishActionConfiguration? ReadPublish(MappingReader action, ValueReader topicValue)
    {
        const string Example = "campus/pa/announce";
        var topic = topicValue.RequiredText(Example);
        if (topic is not null && (topic.Contains('+', StringComparison.Ordinal) || topic.Contains('#', StringComparison.Ordinal) || topic.StartsWith('$')))
        {
            topicValue.Report(ConfigurationProblemKind.InvalidValue, topic, new ProblemMessage(MessageKeys.PublishTopicInvalid, topic, topicValue.Snippet(Example)));
            topic = null;
        }

        var payload = action.Key("payload").RequiredText("evacuate");
        return topic is null || payload is null ? null : new PublishActionConfiguration { Topic = topic, Payload = payload };
    }

    private static ClearAlarmActionConfiguration? ReadClearAlarm(ValueReader ruleValue, RuleReadScope scope)
    {
        var ruleId = ruleValue.RequiredText("fire-evacuation");
        if (ruleId is null)
        {
            return null;
        }

        // A named alarm from an earlier raiseAlarm is reset like a rule's own alarm.
        if (!scope.IsEarlier(ruleId) && !scope.IsNamedAlarm(ruleId))
        {
            ruleValue.Report(ConfigurationProblemKind.UnknownReference, ruleId, new ProblemMessage(MessageKeys.ClearAlarmRuleUnknown, ruleId, NameList.Limit(scope.EarlierIds)));
            return null;
        }

        return new ClearAlarmActionConfiguration { RuleId = ruleId };
    }

    private static NoticeActionConfiguration ReadNotice(MappingReader action, ValueReader targetValue)
    {
        var isSelection = targetValue.Node is YamlDotNet.RepresentationModel.YamlMappingNode;
        var selection = isSelection ? NoticeSelectionReader.Read(targetValue.RequiredMapping(NoticeSelectionReader.Example)!) : null;
        var target = isSelection ? null : ReadNoticeTarget(targetValue);
        var text = action.Key("text").RequiredMapping(NoticeTextReader.Example);

        return new NoticeActionConfiguration
        {
            BoardId = target == DeviceIndex.AllBoards ? null : target,
            Selection = selection,
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
