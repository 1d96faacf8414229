using System.Globalization;
using System.Text;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>
/// Writes one audit record as one line of JSON with fixed English keys: <c>time</c> (ISO 8601 with offset),
/// <c>level</c>, <c>eventId</c>, <c>event</c> (the event's stable name), <c>message</c> (English, whatever language
/// the technician chose for the screen) and <c>fields</c> (the values of the message, by their template names).
/// A script reads the codes and fields; a person reads the message.
/// </summary>
internal sealed class TechnicianAuditFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", logEvent.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            json.WriteString("level", logEvent.Level.ToString());
            WriteEventId(json, logEvent);
            json.WriteString("message", Render(logEvent));

            json.WriteStartObject("fields");
            foreach (var token in logEvent.MessageTemplate.Tokens.OfType<PropertyToken>())
            {
                if (logEvent.Properties.TryGetValue(token.PropertyName, out var value))
                {
                    json.WritePropertyName(token.PropertyName);
                    WriteValue(json, value);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static void WriteEventId(Utf8JsonWriter json, LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue("EventId", out var eventId) || eventId is not StructureValue structure)
        {
            return;
        }

        foreach (var property in structure.Properties)
        {
            if (property is { Name: "Id", Value: ScalarValue { Value: int id } })
            {
                json.WriteNumber("eventId", id);
            }
            else if (property is { Name: "Name", Value: ScalarValue { Value: string name } })
            {
                json.WriteString("event", name);
            }
        }
    }

    /// <summary>The message with its values as plain text: no quotes around strings, numbers in invariant culture.</summary>
    private static string Render(LogEvent logEvent)
    {
        var text = new StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value))
            {
                text.Append(value is ScalarValue { Value: var scalar } ? Plain(scalar, property.Format) : value.ToString(null, CultureInfo.InvariantCulture));
            }
            else if (token is TextToken literal)
            {
                text.Append(literal.Text);
            }
        }

        return text.ToString();
    }

    private static string Plain(object? value, string? format) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void WriteValue(Utf8JsonWriter json, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: null }:
                json.WriteNullValue();
                break;
            case ScalarValue { Value: bool flag }:
                json.WriteBooleanValue(flag);
                break;
            case ScalarValue { Value: int or long or double or float or decimal or short or ushort or uint or byte } number:
                json.WriteRawValue(Plain(number.Value, null));
                break;
            case ScalarValue { Value: var scalar }:
                json.WriteStringValue(Plain(scalar, null));
                break;
            default:
                json.WriteStringValue(value.ToString(null, CultureInfo.InvariantCulture));
                break;
        }
    }
}
