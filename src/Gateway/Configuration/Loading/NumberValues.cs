using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for integers with a range and for decimal numbers.</summary>
internal static class NumberValues
{
    public static int? RequiredInteger(this ValueReader value, int minimum, int maximum, string example) =>
        Integer(value, minimum, maximum, example, required: true);

    public static int? OptionalInteger(this ValueReader value, int minimum, int maximum, string example) =>
        Integer(value, minimum, maximum, example, required: false);

    /// <summary>
    /// Like <see cref="OptionalInteger"/>, but a key written without a value ("unitId:") is a problem instead of the
    /// default, for keys where a forgotten value would silently address something else. Leaving the key out still
    /// gives the default.
    /// </summary>
    public static int? OptionalIntegerNotEmpty(this ValueReader value, int minimum, int maximum, string example, int defaultValue)
    {
        if (value.Node is not null && !value.IsPresent)
        {
            var message = new ProblemMessage(MessageKeys.EmptyOptionalValue, value.Key, Expect.IntegerRange(minimum, maximum), value.Snippet(example), defaultValue);
            value.Report(ConfigurationProblemKind.MissingValue, null, message);
            return null;
        }

        return Integer(value, minimum, maximum, example, required: false);
    }

    public static double? RequiredNumber(this ValueReader value, string example) =>
        Number(value, example, required: true);

    public static double? OptionalNumber(this ValueReader value, string example) =>
        Number(value, example, required: false);

    /// <summary>Reports a value outside its range: "70000 is out of range: expected an integer from 0 to 65535".</summary>
    public static void ReportOutOfRange(this ValueReader value, string text, ProblemMessage expected, string example) =>
        value.Report(ConfigurationProblemKind.OutOfRange, text, new ProblemMessage(MessageKeys.OutOfRange, text, expected, value.Snippet(example)));

    private static int? Integer(ValueReader value, int minimum, int maximum, string example, bool required)
    {
        var expected = Expect.IntegerRange(minimum, maximum);
        var text = value.ScalarText(expected, example, required);
        if (text is null)
        {
            return null;
        }

        var parse = ScalarValues.TryParseInteger(text, out var number);
        if (parse == IntegerParse.Invalid)
        {
            value.ReportWrongValue(ConfigurationProblemKind.WrongType, text, expected, example);
            return null;
        }

        if (parse == IntegerParse.TooLarge || number < minimum || number > maximum)
        {
            value.ReportOutOfRange(text, expected, example);
            return null;
        }

        return (int)number;
    }

    private static double? Number(ValueReader value, string example, bool required)
    {
        var text = value.ScalarText(Expect.Number, example, required);
        if (text is null)
        {
            return null;
        }

        if (!ScalarValues.TryParseNumber(text, out var number))
        {
            value.ReportWrongValue(ConfigurationProblemKind.WrongType, text, Expect.Number, example);
            return null;
        }

        return number;
    }
}
