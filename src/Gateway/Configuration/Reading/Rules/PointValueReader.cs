using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a point value written in the file: true or false, a number, or else text. A quoted value is always text,
/// so <c>"3"</c> compares with the text 3 and <c>3</c> with the number 3.
/// </summary>
internal static class PointValueReader
{
    public static PointValue? Read(ValueReader value, string example, bool required)
    {
        var text = value.ScalarText(Expect.Text, example, required);
        if (text is null)
        {
            return null;
        }

        if (value.Node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted })
        {
            return PointValue.FromText(text);
        }

        if (ScalarValues.TryParseBoolean(text, out var boolean))
        {
            return PointValue.FromBoolean(boolean);
        }

        return ScalarValues.TryParseNumber(text, out var number) ? PointValue.FromNumber(number) : PointValue.FromText(text);
    }
}
