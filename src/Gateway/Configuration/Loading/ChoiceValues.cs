using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for keys with a fixed set of words, such as function: holding | input. The example is the first word.</summary>
internal static class ChoiceValues
{
    public static T? RequiredChoice<T>(this ValueReader value, ChoiceSet<T> choices)
        where T : struct =>
        value.TryReadChoice(choices, required: true, out var chosen) ? chosen : null;

    public static T? OptionalChoice<T>(this ValueReader value, ChoiceSet<T> choices)
        where T : struct =>
        value.TryReadChoice(choices, required: false, out var chosen) ? chosen : null;

    /// <summary>Returns false when the key is absent (reported when <paramref name="required"/>) or names no choice (reported).</summary>
    public static bool TryReadChoice<T>(this ValueReader value, ChoiceSet<T> choices, bool required, out T chosen)
    {
        chosen = default!;
        var example = choices.Names[0];
        var text = value.ScalarText(Expect.Choice(choices.Names), example, required);
        if (text is null)
        {
            return false;
        }

        if (!choices.TryMatch(text, out chosen))
        {
            var message = new ProblemMessage(MessageKeys.InvalidChoice, text, choices.Names, value.Snippet(example));
            value.Report(ConfigurationProblemKind.InvalidValue, text, message);
            return false;
        }

        return true;
    }
}
