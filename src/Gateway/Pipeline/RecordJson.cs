using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// JSON payloads of outbox records. The field names are part of the district interface (docs/district-topics.md),
/// so they change only together with that document.
/// </summary>
internal static partial class RecordJson
{
    public const string SampleType = "sample";

    /// <summary>Several samples of one device from one poll or pipeline pass; the gateway writes telemetry only in this form.</summary>
    public const string SamplesType = "samples";

    public const string EventType = "event";

    public const string AlarmRaisedType = "alarm-raised";

    public const string AlarmClearedType = "alarm-cleared";

    /// <summary>An active alarm was acknowledged, shelved, or its condition cleared or returned while latched.</summary>
    public const string AlarmChangedType = "alarm-changed";

    public const string RuleShelvedType = "rule-shelved";

    /// <summary>Written for a rule with notifyDistrict, so that the district alerts its operators about this alarm at once.</summary>
    public const string AlarmNotifyType = "alarm-notify";

    /// <summary>A fault of the gateway itself, such as an outbox database that had to be replaced.</summary>
    public const string GatewayFaultType = "gateway-fault";

    private static readonly CultureInfo[] MessageCultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    /// <summary>
    /// Serialises an alarm with its texts in every operator language, so the district shows it in its own,
    /// and with the monotonic stamps paired with <paramref name="bootId"/>.
    /// </summary>
    public static byte[] Serialize(Alarm alarm, string bootId, string? change = null)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alarmId", alarm.AlarmId);
            writer.WriteString("rule", alarm.RuleId);
            writer.WriteString("point", alarm.Point.ToString());
            writer.WriteString("severity", alarm.Severity.ToString().ToLowerInvariant());
            writer.WriteString("state", alarm.IsActive ? "raised" : "cleared");
            if (change is not null)
            {
                writer.WriteString("change", change);
            }

            writer.WriteBoolean("latched", alarm.Latched);
            if (alarm.AcknowledgedAt is { } acknowledgedAt)
            {
                writer.WriteString("acknowledgedAt", acknowledgedAt);
                writer.WriteString("acknowledgedBy", alarm.AcknowledgedBy);
                writer.WriteBoolean("acknowledgedOnSite", alarm.AcknowledgedOnSite);
            }

            if (alarm.ConditionClearedAt is { } conditionClearedAt)
            {
                writer.WriteString("conditionClearedAt", conditionClearedAt);
            }

            if (alarm.ShelvedUntil is { } shelvedUntil)
            {
                writer.WriteString("shelvedUntil", shelvedUntil);
            }

            // A named alarm (raiseAlarm) lists the rule instances whose alarms raise it; a rule's own alarm has no list.
            if (alarm.RaisedBy is { } raisedBy)
            {
                writer.WriteStartArray("raisedBy");
                foreach (var ruleId in raisedBy)
                {
                    writer.WriteStringValue(ruleId);
                }

                writer.WriteEndArray();
            }

            writer.WriteString("raisedAt", alarm.RaisedAt);
            WriteValue(writer, "valueAtRaise", alarm.ValueAtRaise);
            WriteMessage(writer, "message", alarm.Message);
            WriteMonotonic(writer, new MonotonicStamp(bootId, alarm.RaisedMonotonic));
            if (alarm.ClearedAt is { } clearedAt)
            {
                writer.WriteString("clearedAt", clearedAt);
                WriteValue(writer, "valueAtClear", alarm.ValueAtClear ?? PointValue.None);
                if (alarm.ClearMessage is { } clearMessage)
                {
                    WriteMessage(writer, "clearMessage", clearMessage);
                }

                if (alarm.ActiveDuration is { } activeDuration)
                {
                    writer.WriteNumber("activeMs", (long)activeDuration.TotalMilliseconds);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Serialize(Sample sample)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            WriteSample(writer, sample);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serialises samples of one device as {"device": id, "samples": [sample, ...]}, each sample with the fields of a
    /// "sample" record, into <paramref name="buffer"/>, which is cleared first. Starts at <paramref name="start"/> and
    /// stops before the sample that would take the payload past <paramref name="maxBytes"/>, but the first sample
    /// always goes in. <paramref name="written"/> is the number of samples in the payload.
    /// Returns the payload in the buffer, valid until the buffer is next written, because the outbox copies it at append.
    /// </summary>
    public static ReadOnlyMemory<byte> SerializeSamples(
        string deviceId, IReadOnlyList<Sample> samples, int start, int maxBytes, ArrayBufferWriter<byte> buffer, out int written)
    {
        buffer.ResetWrittenCount();
        var lastFit = 0;
        written = 0;
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("device", deviceId);
            writer.WriteStartArray("samples");
            for (var index = start; index < samples.Count; index++)
            {
                WriteSample(writer, samples[index]);
                writer.Flush();

                // The closing "]}" adds two bytes.
                if (written > 0 && writer.BytesCommitted + 2 > maxBytes)
                {
                    break;
                }

                lastFit = (int)writer.BytesCommitted;
                written++;
            }
        }

        // Cut after the last sample that fits and close the array and object by hand: the writer has no undo.
        // ResetWrittenCount does not zero the buffer, so the samples that fit are still at its start.
        buffer.ResetWrittenCount();
        var span = buffer.GetSpan(lastFit + 2);
        "]}"u8.CopyTo(span[lastFit..]);
        buffer.Advance(lastFit + 2);
        return buffer.WrittenMemory;
    }

    private static void WriteSample(Utf8JsonWriter writer, Sample sample)
    {
        writer.WriteStartObject();
        PointIdJson.Write(writer, "point"u8, sample.Point);
        WriteValue(writer, "value", sample.Value);
        writer.WriteString("quality", QualityName(sample.Quality));
        writer.WriteString("time", sample.GatewayTime);
        if (sample.SourceTime is { } sourceTime)
        {
            writer.WriteString("sourceTime", sourceTime);
        }

        WriteMonotonic(writer, sample.Monotonic);
        writer.WriteEndObject();
    }

    public static byte[] Serialize(DeviceEvent deviceEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("device", deviceEvent.DeviceId);
            writer.WriteString("event", deviceEvent.Type);
            writer.WriteString("time", deviceEvent.GatewayTime);
            WriteMonotonic(writer, deviceEvent.Monotonic);
            if (deviceEvent.Attributes is { Count: > 0 } attributes)
            {
                writer.WriteStartObject("attributes");
                foreach (var (key, value) in attributes)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Serialize(RuleShelved shelved)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("rule", shelved.RuleId);
            if (shelved.Until is { } until)
            {
                writer.WriteString("until", until);
            }
            else
            {
                writer.WriteNull("until");
            }

            writer.WriteString("by", shelved.By);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serialises a gateway fault with its operator text in every operator language.</summary>
    public static byte[] SerializeGatewayFault(string fault, DateTimeOffset at, Func<string> formatMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("fault", fault);
            writer.WriteString("severity", "major");
            writer.WriteString("time", at);
            writer.WriteStartObject("message");
            var original = CultureInfo.CurrentUICulture;
            try
            {
                foreach (var culture in MessageCultures)
                {
                    CultureInfo.CurrentUICulture = culture;
                    writer.WriteString(culture.Name, formatMessage());
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = original;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, PointValue value)
    {
        switch (value.Kind)
        {
            case PointValueKind.Number when double.IsFinite(value.Number):
                writer.WriteNumber(name, value.Number);
                break;
            case PointValueKind.Number:
                // JSON has no NaN or infinity; a device that reports one is sent as text so nothing is lost.
                writer.WriteString(name, value.Number.ToString(CultureInfo.InvariantCulture));
                break;
            case PointValueKind.Boolean:
                writer.WriteBoolean(name, value.Boolean);
                break;
            case PointValueKind.Text:
                writer.WriteString(name, value.Text);
                break;
            default:
                writer.WriteNull(name);
                break;
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, string name, AlarmMessage message)
    {
        writer.WriteStartObject(name);
        foreach (var culture in MessageCultures)
        {
            writer.WriteString(culture.Name, message.Format(culture));
        }

        writer.WriteEndObject();
    }

    private static void WriteMonotonic(Utf8JsonWriter writer, MonotonicStamp stamp)
    {
        writer.WriteStartObject("monotonic");
        writer.WriteString("bootId", stamp.BootId);
        writer.WriteNumber("elapsedMs", (long)stamp.Elapsed.TotalMilliseconds);
        writer.WriteEndObject();
    }

    private static string QualityName(Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Bad => "bad",
        Quality.Stale => "stale",
        _ => "unknown",
    };
}
