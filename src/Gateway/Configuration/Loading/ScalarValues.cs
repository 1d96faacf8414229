using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Reads YAML scalars the way the YAML 1.2 core schema writes null, booleans, integers and numbers.</summary>
internal static class ScalarValues
{
    /// <summary>True for an empty value and for the plain words ~ and null; a quoted "" is empty text instead.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;

            case "false" or "False" or "FALSE":
                value = false;
                return true;

            default:
                value = false;
                return false;
        }
    }

    /// <summary>Parses a decimal integer with an optional sign, or a hexadecimal one such as 0x0FA0.</summary>
    public static IntegerParse TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = text[2..];
            return ParseResult(long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value), digits, isHex: true);
        }

        return ParseResult(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value), text.TrimStart('+', '-'), isHex: false);
    }

    /// <summary>Parses a finite decimal number such as 1500, -0.5 or 1e3; .inf and .nan are not limits anyone means.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static IntegerParse ParseResult(bool parsed, string digits, bool isHex)
    {
        if (parsed)
        {
            return IntegerParse.Valid;
        }

        // Only digits but no long: the value is too large rather than malformed.
        var onlyDigits = digits.Length > 0 && digits.All(isHex ? char.IsAsciiHexDigit : char.IsAsciiDigit);
        return onlyDigits ? IntegerParse.TooLarge : IntegerParse.Invalid;
    }
}
