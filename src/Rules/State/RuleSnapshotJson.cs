using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.State;

/// <summary>
/// Writes and reads <see cref="RuleEngineSnapshot"/> as UTF-8 JSON, so a store only keeps bytes. Durations are
/// written in ticks (100 ns) and times as ISO 8601 with offset. Message arguments keep their type: a text
/// (<c>{"s":...}</c>), a duration (<c>{"t":ticks}</c>), a number (<c>{"n":...}</c>), a text in several languages
/// (<c>{"l":{"zh-CN":...,"en":...}}</c>) or a list of names (<c>{"a":[...]}</c>). Builds before the list form throw
/// <see cref="FormatException"/> on a snapshot that contains one, so a downgraded gateway starts without the saved state.
/// </summary>
public static class RuleSnapshotJson
{
    /// <exception cref="NotSupportedException">A message argument is not a text, a duration, a number, a localized text or a text list.</exception>
    public static byte[] Serialize(RuleEngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", RuleEngineSnapshot.CurrentVersion);
            writer.WriteString("takenAt", snapshot.TakenAt);
            writer.WriteNumber("takenMonotonic", snapshot.TakenMonotonic.Ticks);
            writer.WriteStartArray("instances");
            foreach (var instance in snapshot.Instances)
            {
                WriteInstance(writer, instance);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <exception cref="FormatException">The bytes are not a snapshot of a version this build reads.</exception>
    public static RuleEngineSnapshot Deserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != RuleEngineSnapshot.CurrentVersion)
            {
                throw new FormatException($"The rule snapshot has version {version}; this build reads version {RuleEngineSnapshot.CurrentVersion}.");
            }

            var instances = root.GetProperty("instances").EnumerateArray().Select(ReadInstance).ToArray();
            return new RuleEngineSnapshot(
                root.GetProperty("takenAt").GetDateTimeOffset(),
                TimeSpan.FromTicks(root.GetProperty("takenMonotonic").GetInt64()),
                instances);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"The rule snapshot is not valid: {exception.Message}", exception);
        }
    }

    private static void WriteInstance(Utf8JsonWriter writer, RuleInstanceSnapshot instance)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", instance.RuleId);
        writer.WriteBoolean("conditionActive", instance.ConditionActive);
        writer.WriteBoolean("commandsIssued", instance.CommandsIssued);
        WriteTicks(writer, "pendingElapsed", instance.PendingElapsed);
        if (instance.PendingValue is { } pendingValue)
        {
            writer.WritePropertyName("pendingValue");
            WriteValue(writer, pendingValue);
        }

        WriteTicks(writer, "shelvedRemaining", instance.ShelvedRemaining);
        WriteOptional(writer, "shelvedBy", instance.ShelvedBy);
        WriteOptional(writer, "kindState", instance.KindState);
        if (instance.Alarm is { } alarm)
        {
            writer.WritePropertyName("alarm");
            WriteAlarm(writer, alarm);
        }

        writer.WriteEndObject();
    }

    private static RuleInstanceSnapshot ReadInstance(JsonElement element) =>
        new(
            element.GetProperty("rule").GetString() ?? throw new FormatException("A rule snapshot instance has no rule id."),
            element.TryGetProperty("alarm", out var alarm) ? ReadAlarm(alarm) : null,
            element.GetProperty("conditionActive").GetBoolean(),
            element.GetProperty("commandsIssued").GetBoolean(),
            ReadTicks(element, "pendingElapsed"),
            element.TryGetProperty("pendingValue", out var pendingValue) ? ReadValue(pendingValue) : null,
            ReadTicks(element, "shelvedRemaining"),
            ReadOptional(element, "shelvedBy"),
            ReadOptional(element, "kindState"));

    private static void WriteAlarm(Utf8JsonWriter writer, Alarm alarm)
    {
        writer.WriteStartObject();
        writer.WriteString("alarmId", alarm.AlarmId);
        writer.WriteString("rule", alarm.RuleId);
        writer.WriteString("point", alarm.Point.ToString());
        writer.WriteString("severity", alarm.Severity.ToString());
        writer.WriteString("raisedAt", alarm.RaisedAt);
        writer.WriteNumber("raisedMonotonic", alarm.RaisedMonotonic.Ticks);
        writer.WritePropertyName("valueAtRaise");
        WriteValue(writer, alarm.ValueAtRaise);
        writer.WritePropertyName("message");
        WriteMessage(writer, alarm.Message);
        writer.WriteBoolean("latched", alarm.Latched);
        if (alarm.ValueAtClear is { } valueAtClear)
        {
            writer.WritePropertyName("valueAtClear");
            WriteValue(writer, valueAtClear);
        }

        if (alarm.ClearMessage is { } clearMessage)
        {
            writer.WritePropertyName("clearMessage");
            WriteMessage(writer, clearMessage);
        }

        WriteTime(writer, "acknowledgedAt", alarm.AcknowledgedAt);
        WriteOptional(writer, "acknowledgedBy", alarm.AcknowledgedBy);
        writer.WriteBoolean("acknowledgedOnSite", alarm.AcknowledgedOnSite);
        WriteTime(writer, "conditionClearedAt", alarm.ConditionClearedAt);
        if (alarm.RaisedBy is { } raisedBy)
        {
            writer.WriteStartArray("raisedBy");
            foreach (var ruleId in raisedBy)
            {
                writer.WriteStringValue(ruleId);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // Clear fields are not read back: a snapshot holds only active alarms, and shelving comes from the instance.
    private static Alarm ReadAlarm(JsonElement element) =>
        new(
            AlarmId: element.GetProperty("alarmId").GetString()!,
            RuleId: element.GetProperty("rule").GetString()!,
            Point: PointId.Parse(element.GetProperty("point").GetString()!),
            Severity: Enum.Parse<AlarmSeverity>(element.GetProperty("severity").GetString()!),
            RaisedAt: element.GetProperty("raisedAt").GetDateTimeOffset(),
            RaisedMonotonic: TimeSpan.FromTicks(element.GetProperty("raisedMonotonic").GetInt64()),
            ValueAtRaise: ReadValue(element.GetProperty("valueAtRaise")),
            Message: ReadMessage(element.GetProperty("message")),
            ValueAtClear: element.TryGetProperty("valueAtClear", out var valueAtClear) ? ReadValue(valueAtClear) : null,
            ClearMessage: element.TryGetProperty("clearMessage", out var clearMessage) ? ReadMessage(clearMessage) : null,
            Latched: element.GetProperty("latched").GetBoolean(),
            AcknowledgedAt: ReadTime(element, "acknowledgedAt"),
            AcknowledgedBy: ReadOptional(element, "acknowledgedBy"),
            AcknowledgedOnSite: element.GetProperty("acknowledgedOnSite").GetBoolean(),
            ConditionClearedAt: ReadTime(element, "conditionClearedAt"),
            RaisedBy: element.TryGetProperty("raisedBy", out var raisedBy)
                ? raisedBy.EnumerateArray().Select(ruleId => ruleId.GetString()!).ToArray()
                : null);

    private static void WriteValue(Utf8JsonWriter writer, PointValue value)
    {
        writer.WriteStartObject();
        switch (value.Kind)
        {
            case PointValueKind.Number:
                writer.WriteNumber("n", value.Number);
                break;

            case PointValueKind.Boolean:
                writer.WriteBoolean("b", value.Boolean);
                break;

            case PointValueKind.Text:
                writer.WriteString("s", value.Text);
                break;
        }

        writer.WriteEndObject();
    }

    private static PointValue ReadValue(JsonElement element)
    {
        if (element.TryGetProperty("n", out var number))
        {
            return PointValue.FromNumber(number.GetDouble());
        }

        if (element.TryGetProperty("b", out var boolean))
        {
            return PointValue.FromBoolean(boolean.GetBoolean());
        }

        return element.TryGetProperty("s", out var text) ? PointValue.FromText(text.GetString() ?? string.Empty) : PointValue.None;
    }

    private static void WriteMessage(Utf8JsonWriter writer, AlarmMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("key", message.Key);
        writer.WriteStartArray("arguments");
        foreach (var argument in message.Arguments)
        {
            writer.WriteStartObject();
            switch (argument)
            {
                case string text:
                    writer.WriteString("s", text);
                    break;

                case TimeSpan duration:
                    writer.WriteNumber("t", duration.Ticks);
                    break;

                case LocalizedText localized:
                    writer.WriteStartObject("l");
                    foreach (var (cultureName, text) in localized.Texts)
                    {
                        writer.WriteString(cultureName, text);
                    }

                    writer.WriteEndObject();
                    break;

                case TextList list:
                    writer.WriteStartArray("a");
                    foreach (var item in list.Items)
                    {
                        writer.WriteStringValue(item);
                    }

                    writer.WriteEndArray();
                    break;

                case IConvertible convertible when argument is double or float or int or long or decimal:
                    writer.WriteNumber("n", convertible.ToDouble(CultureInfo.InvariantCulture));
                    break;

                default:
                    throw new NotSupportedException($"Message argument of type {argument.GetType().Name} cannot be saved.");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static AlarmMessage ReadMessage(JsonElement element)
    {
        var arguments = element.GetProperty("arguments").EnumerateArray().Select(ReadArgument).ToArray();
        return new AlarmMessage(element.GetProperty("key").GetString()!, arguments);
    }

    private static object ReadArgument(JsonElement element)
    {
        if (element.TryGetProperty("s", out var text))
        {
            return text.GetString() ?? string.Empty;
        }

        if (element.TryGetProperty("t", out var ticks))
        {
            return TimeSpan.FromTicks(ticks.GetInt64());
        }

        if (element.TryGetProperty("l", out var localized))
        {
            return new LocalizedText(localized.EnumerateObject().Select(text => new KeyValuePair<string, string>(text.Name, text.Value.GetString() ?? string.Empty)));
        }

        if (element.TryGetProperty("a", out var list))
        {
            return new TextList(list.EnumerateArray().Select(item => item.GetString() ?? string.Empty));
        }

        return element.GetProperty("n").GetDouble();
    }

    private static void WriteTicks(Utf8JsonWriter writer, string name, TimeSpan? duration)
    {
        if (duration is { } value)
        {
            writer.WriteNumber(name, value.Ticks);
        }
    }

    private static TimeSpan? ReadTicks(JsonElement element, string name) =>
        element.TryGetProperty(name, out var ticks) ? TimeSpan.FromTicks(ticks.GetInt64()) : null;

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, value);
        }
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var time) ? time.GetDateTimeOffset() : null;

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? text)
    {
        if (text is not null)
        {
            writer.WriteString(name, text);
        }
    }

    private static string? ReadOptional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var text) ? text.GetString() : null;
}
