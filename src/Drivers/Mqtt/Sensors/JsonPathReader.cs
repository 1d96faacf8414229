using System.Globalization;
using System.Text.Json;

namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

/// <summary>The small path syntax of <see cref="MqttSensorPointOptions.JsonPath"/>: names, dots and array indexes.</summary>
internal static class JsonPathReader
{
    /// <summary>Splits a path into steps: a string is a property name, an int an array index. Throws on a malformed path.</summary>
    public static IReadOnlyList<object> Compile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var steps = new List<object>();
        foreach (var part in text.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length == 0)
            {
                throw new FormatException($"JSON path '{path}' has an empty property name.");
            }

            steps.Add(name);
            var rest = bracket < 0 ? string.Empty : part[bracket..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 2 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new FormatException($"JSON path '{path}' has a malformed array index; expected for example 'readings[0].value'.");
                }

                steps.Add(index);
                rest = rest[(close + 1)..];
            }
        }

        // An array of the exact size: a sensor driver keeps one per point for as long as it runs.
        return steps.ToArray();
    }

    public static bool TryRead(JsonElement root, IReadOnlyList<object> steps, out JsonElement value)
    {
        value = root;
        foreach (var step in steps)
        {
            if (step is string name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else
            {
                var index = (int)step;
                if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                {
                    return false;
                }

                value = value[index];
            }
        }

        return true;
    }
}
