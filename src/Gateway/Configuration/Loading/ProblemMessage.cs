using System.Collections;
using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// A resource key and its arguments, formatted only when the language is known. Arguments may be nested messages
/// (fragments such as "an integer from 1 to 65535") or lists of names, which are joined in the target language.
/// </summary>
internal sealed class ProblemMessage
{
    private readonly object?[] arguments;

    public ProblemMessage(string key, params object?[] arguments)
    {
        Key = key;
        this.arguments = arguments;
    }

    public string Key { get; }

    public string Format(CultureInfo culture)
    {
        var template = ConfigText.Get(Key, culture);
        var formatted = Array.ConvertAll(arguments, argument => FormatArgument(argument, culture));
        return string.Format(culture, template, formatted);
    }

    private static string FormatArgument(object? argument, CultureInfo culture)
    {
        switch (argument)
        {
            case null:
                return string.Empty;

            case ProblemMessage fragment:
                return fragment.Format(culture);

            case string text:
                return text;

            case IEnumerable items:
                return FormatList(items, culture);

            // Numbers are YAML values, so they keep the file's invariant notation in every language.
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);

            default:
                return argument.ToString() ?? string.Empty;
        }
    }

    private static string FormatList(IEnumerable items, CultureInfo culture)
    {
        var texts = items.Cast<object?>().Select(item => FormatArgument(item, culture)).ToList();
        return texts.Count == 0
            ? ConfigText.Get(MessageKeys.NoneListed, culture)
            : OperatorList.JoinIn(texts, culture);
    }
}
