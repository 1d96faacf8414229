namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for true and false.</summary>
internal static class BooleanValues
{
    public static bool? RequiredBoolean(this ValueReader value, string example) => Boolean(value, example, required: true);

    public static bool? OptionalBoolean(this ValueReader value, string example) => Boolean(value, example, required: false);

    private static bool? Boolean(ValueReader value, string example, bool required)
    {
        var text = value.ScalarText(Expect.Boolean, example, required);
        if (text is null)
        {
            return null;
        }

        // YAML 1.1 words such as yes, on and off are rejected: they read differently in different YAML libraries.
        if (!ScalarValues.TryParseBoolean(text, out var result))
        {
            value.ReportWrongValue(ConfigurationProblemKind.WrongType, text, Expect.Boolean, example);
            return null;
        }

        return result;
    }
}
