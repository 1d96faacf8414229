using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>
/// Reads a series of samples for the rule test runner, as CSV or JSON lines. A line's time is either absolute
/// (ISO 8601 with offset, <c>2025-09-01T08:00:00+08:00</c>) or an offset from the start of the series with a unit
/// (<c>0s</c>, <c>90s</c>, <c>2m</c>, <c>500ms</c>, <c>1h</c>). Times must not go back.
/// <list type="bullet">
/// <item>CSV: a header <c>time,point,value[,quality]</c>, then one sample per line. Lines starting with <c>#</c> are comments.</item>
/// <item>JSON lines: <c>{"time":"90s","point":"fire-panel.smoke","value":true,"quality":"good"}</c>, or
/// <c>{"time":"5m","acknowledge":"fire-evacuation","origin":"onSite"}</c>, or a device event such as
/// <c>{"time":"10s","device":"door-3","event":"card-denied"}</c> (<c>offline</c> and <c>online</c> drive offline rules).</item>
/// </list>
/// Values: <c>true</c>/<c>false</c>, a number (invariant culture), otherwise a text; an empty value is no value with
/// quality bad. Quality defaults to good.
/// </summary>
public static class SampleSeriesParser
{
    /// <exception cref="SampleFormatException">A line cannot be read; the message names the line.</exception>
    public static SampleSeries Parse(string text, bool jsonLines, DateTimeOffset defaultStart)
    {
        ArgumentNullException.ThrowIfNull(text);

        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var raw = jsonLines ? ReadJsonLines(lines) : ReadCsv(lines);

        var start = raw.Select(step => step.Absolute).FirstOrDefault(time => time is not null) ?? defaultStart;
        var steps = new List<TestStep>(raw.Count);
        var previous = TimeSpan.Zero;
        foreach (var step in raw)
        {
            var offset = step.Absolute is { } absolute ? absolute - start : step.Relative;
            if (offset < previous)
            {
                throw new SampleFormatException(step.Step.Line, "SampleTimeGoesBack", [Format(offset), Format(previous)]);
            }

            previous = offset;
            steps.Add(step.Step with { Offset = offset });
        }

        return new SampleSeries(start, steps);
    }

    /// <summary>Reads a file; JSON lines when its name ends in <c>.jsonl</c> or <c>.json</c>, CSV otherwise.</summary>
    public static async Task<SampleSeries> ReadFileAsync(string path, DateTimeOffset defaultStart, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var jsonLines = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        return Parse(text, jsonLines, defaultStart);
    }

    /// <summary>Parses a duration with a unit: <c>500ms</c>, <c>90s</c>, <c>2m</c>, <c>1h</c>, <c>1.5s</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        (string Suffix, double Ticks)[] units = [("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour)];
        foreach (var (suffix, ticks) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0 && double.IsFinite(number))
            {
                duration = TimeSpan.FromTicks((long)(number * ticks));
                return true;
            }
        }

        return false;
    }

    private static List<RawStep> ReadCsv(string[] lines)
    {
        var steps = new List<RawStep>();
        var headerSeen = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',').Select(field => field.Trim()).ToArray();
            if (!headerSeen)
            {
                headerSeen = true;
                if (fields is not ["time", "point", "value", ..])
                {
                    throw new SampleFormatException(index + 1, "SampleCsvHeader", []);
                }

                continue;
            }

            if (fields.Length is < 3 or > 4)
            {
                throw new SampleFormatException(index + 1, "SampleCsvFieldCount", [fields.Length]);
            }

            var (absolute, relative) = ReadTime(fields[0], index + 1);
            var point = ReadPoint(fields[1], index + 1);
            var (value, quality) = ReadValue(fields[2]);
            if (fields.Length == 4 && fields[3].Length > 0)
            {
                quality = ReadQuality(fields[3], index + 1);
            }

            steps.Add(new RawStep(absolute, relative, new TestStep(index + 1, relative, point, value, quality)));
        }

        return steps;
    }

    private static List<RawStep> ReadJsonLines(string[] lines)
    {
        var steps = new List<RawStep>();
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                steps.Add(ReadJsonStep(document.RootElement, index + 1));
            }
            catch (JsonException exception)
            {
                // System.Text.Json's text is English and counts lines from 0 within the one line parsed, so only its
                // position is kept.
                throw new SampleFormatException(index + 1, "SampleJsonInvalid", [Column(line, exception.BytePositionInLine)], exception);
            }
        }

        return steps;
    }

    private static RawStep ReadJsonStep(JsonElement element, int line)
    {
        var timeText = element.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String
            ? time.GetString()!
            : throw new SampleFormatException(line, "SampleTimeMissing", []);
        var (absolute, relative) = ReadTime(timeText, line);

        if (element.TryGetProperty("acknowledge", out var acknowledge))
        {
            var origin = element.TryGetProperty("origin", out var originText)
                ? ReadOrigin(originText.GetString() ?? string.Empty, line)
                : RequestOrigin.OnSite;
            return new RawStep(absolute, relative, new TestStep(line, relative, default, PointValue.None, Quality.Good, acknowledge.GetString(), origin));
        }

        if (element.TryGetProperty("event", out var eventType))
        {
            var device = element.TryGetProperty("device", out var deviceText) ? deviceText.GetString() : null;
            if (string.IsNullOrWhiteSpace(device) || string.IsNullOrWhiteSpace(eventType.GetString()))
            {
                throw new SampleFormatException(line, "SampleEventIncomplete", []);
            }

            var eventStep = new TestStep(line, relative, new PointId(device, eventType.GetString()!), PointValue.None, Quality.Good, EventType: eventType.GetString());
            return new RawStep(absolute, relative, eventStep);
        }

        var point = ReadPoint(element.TryGetProperty("point", out var pointText) ? pointText.GetString() ?? string.Empty : string.Empty, line);
        var (value, quality) = element.TryGetProperty("value", out var valueElement) ? ReadJsonValue(valueElement) : (PointValue.None, Quality.Bad);
        if (element.TryGetProperty("quality", out var qualityText))
        {
            quality = ReadQuality(qualityText.GetString() ?? string.Empty, line);
        }

        return new RawStep(absolute, relative, new TestStep(line, relative, point, value, quality));
    }

    private static (PointValue, Quality) ReadJsonValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => (PointValue.FromBoolean(true), Quality.Good),
        JsonValueKind.False => (PointValue.FromBoolean(false), Quality.Good),
        JsonValueKind.Number => (PointValue.FromNumber(element.GetDouble()), Quality.Good),
        JsonValueKind.String => ReadValue(element.GetString() ?? string.Empty),
        _ => (PointValue.None, Quality.Bad),
    };

    private static (DateTimeOffset? Absolute, TimeSpan Relative) ReadTime(string text, int line)
    {
        if (TryParseDuration(text, out var relative))
        {
            return (null, relative);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var absolute) && text.Contains('T', StringComparison.Ordinal))
        {
            return (absolute, TimeSpan.Zero);
        }

        throw new SampleFormatException(line, "SampleTimeInvalid", [text]);
    }

    private static PointId ReadPoint(string text, int line) =>
        PointId.TryParse(text, out var point)
            ? point
            : throw new SampleFormatException(line, "SamplePointInvalid", [text]);

    private static (PointValue, Quality) ReadValue(string text)
    {
        if (text.Length == 0)
        {
            return (PointValue.None, Quality.Bad);
        }

        if (bool.TryParse(text, out var boolean))
        {
            return (PointValue.FromBoolean(boolean), Quality.Good);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (PointValue.FromNumber(number), Quality.Good)
            : (PointValue.FromText(text), Quality.Good);
    }

    private static Quality ReadQuality(string text, int line) =>
        Enum.TryParse<Quality>(text, ignoreCase: true, out var quality) && Enum.IsDefined(quality)
            ? quality
            : throw new SampleFormatException(line, "SampleQualityInvalid", [text]);

    private static RequestOrigin ReadOrigin(string text, int line) =>
        Enum.TryParse<RequestOrigin>(text, ignoreCase: true, out var origin) && Enum.IsDefined(origin)
            ? origin
            : throw new SampleFormatException(line, "SampleOriginInvalid", [text]);

    /// <summary>The column, from 1, of a UTF-8 byte offset in <paramref name="line"/>; a Chinese character is 3 bytes but 1 column.</summary>
    private static int Column(string line, long? bytePosition)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var prefix = (int)Math.Clamp(bytePosition ?? 0, 0, bytes.Length);
        return Encoding.UTF8.GetCharCount(bytes, 0, prefix) + 1;
    }

    private static string Format(TimeSpan offset) => offset.ToString("c", CultureInfo.InvariantCulture);

    private sealed record RawStep(DateTimeOffset? Absolute, TimeSpan Relative, TestStep Step);
}
