using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Serilog.Events;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Payload of a <c>logs.request</c> command: <c>{"maxLines": 100, "maxBytes": 65536, "minLevel": "warning",
/// "since": "2026-12-05T01:00:00Z"}</c>, every field optional. The bounds keep the answer within one MQTT message
/// that any broker configured as docs/district-topics.md asks (300 KiB) accepts.
/// </summary>
public sealed record LogRequest(int MaxLines, int MaxBytes, LogEventLevel MinimumLevel, DateTimeOffset? Since)
{
    public const int DefaultMaxLines = 100;

    public const int MaxMaxLines = 1000;

    public const int DefaultMaxBytes = 64 * 1024;

    public const int MaxMaxBytes = 192 * 1024;

    private static readonly Dictionary<string, LogEventLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogEventLevel.Verbose,
        ["debug"] = LogEventLevel.Debug,
        ["information"] = LogEventLevel.Information,
        ["warning"] = LogEventLevel.Warning,
        ["error"] = LogEventLevel.Error,
        ["critical"] = LogEventLevel.Fatal,
    };

    /// <summary>The level names a request may use, as the result reports them.</summary>
    public static string LevelName(LogEventLevel level) => Levels.First(pair => pair.Value == level).Key;

    /// <summary>
    /// Reads the payload. Returns false and the reason, in <paramref name="culture"/>, when the payload is not an object
    /// or a field is of the wrong kind or out of range; the reason names the first such field.
    /// </summary>
    public static bool TryParse(
        JsonElement payload, CultureInfo culture, [NotNullWhen(true)] out LogRequest? request, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(culture);
        request = null;
        problem = null;
        if (payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            request = new LogRequest(DefaultMaxLines, DefaultMaxBytes, LogEventLevel.Information, Since: null);
            return true;
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            problem = DownlinkText.Format(culture, "LogPayloadInvalid");
            return false;
        }

        var maxLines = ReadInt(payload, "maxLines", DefaultMaxLines, 1, MaxMaxLines, culture, ref problem);
        var maxBytes = ReadInt(payload, "maxBytes", DefaultMaxBytes, 1024, MaxMaxBytes, culture, ref problem);

        var level = LogEventLevel.Information;
        if (payload.TryGetProperty("minLevel", out var levelElement)
            && (levelElement.ValueKind != JsonValueKind.String || !Levels.TryGetValue(levelElement.GetString()!, out level)))
        {
            problem ??= DownlinkText.Format(culture, "LogLevelInvalid", levelElement.GetRawText(), string.Join(", ", Levels.Keys));
        }

        DateTimeOffset? since = null;
        if (payload.TryGetProperty("since", out var sinceElement))
        {
            if (sinceElement.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(sinceElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                since = from;
            }
            else
            {
                problem ??= DownlinkText.Format(culture, "LogSinceInvalid", sinceElement.GetRawText());
            }
        }

        if (problem is not null)
        {
            return false;
        }

        request = new LogRequest(maxLines, maxBytes, level, since);
        return true;
    }

    private static int ReadInt(JsonElement payload, string name, int defaultValue, int min, int max, CultureInfo culture, ref string? problem)
    {
        if (!payload.TryGetProperty(name, out var element))
        {
            return defaultValue;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value >= min && value <= max)
        {
            return value;
        }

        problem ??= DownlinkText.Format(culture, "LogFieldOutOfRange", name, element.GetRawText(), min, max);
        return defaultValue;
    }
}
