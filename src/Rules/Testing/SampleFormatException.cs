using System.Globalization;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>
/// A line of a sample series that cannot be read. <see cref="Exception.Message"/> names the line and the fix in
/// <see cref="CultureInfo.CurrentUICulture"/> at the time it is read, en or zh-CN.
/// </summary>
public sealed class SampleFormatException : FormatException
{
    private readonly string key;
    private readonly object[] arguments;

    internal SampleFormatException(int line, string key, object[] arguments, Exception? innerException = null)
        : base(null, innerException)
    {
        Line = line;
        this.key = key;
        this.arguments = arguments;
    }

    /// <summary>Line of the file, from 1.</summary>
    public int Line { get; }

    public override string Message => GetMessage(CultureInfo.CurrentUICulture);

    public string GetMessage(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return RuleText.TryFormat(key, culture, [Line, .. arguments]) ?? key;
    }
}
