using System.Security.Cryptography;
using System.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Random codes of 12 decimal digits in groups of four (1234-5678-9012), used for the first-start setup code and for
/// a new or reset account's one-time password: 10^12 codes against a login form limited to 5 failures per 5 minutes.
/// </summary>
internal static class OneTimeCode
{
    private const int Digits = 12;

    public static string Create()
    {
        var digits = new StringBuilder(Digits);
        for (var index = 0; index < Digits; index++)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return Group(digits);
    }

    /// <summary>
    /// Returns the code in its printed form (1234-5678-9012) from what a technician typed: with or without the dashes
    /// (a phone's numeric keypad has none), with spaces, or with the full-width digits and dashes of a Chinese input
    /// method. Text that is not 12 digits after that comes back without its separators, and fails the compare.
    /// </summary>
    public static string Normalise(string code)
    {
        ArgumentNullException.ThrowIfNull(code);

        var digits = new StringBuilder(Digits);
        foreach (var character in code)
        {
            if (char.IsWhiteSpace(character) || IsDash(character))
            {
                continue;
            }

            // U+FF10 to U+FF19 are the full-width digits 0 to 9.
            digits.Append(character is >= '\uFF10' and <= '\uFF19' ? (char)('0' + (character - '\uFF10')) : character);
        }

        return digits.Length == Digits && digits.ToString().All(char.IsAsciiDigit) ? Group(digits) : digits.ToString();
    }

    private static bool IsDash(char character) => character is '-' or '\uFF0D' or '\u2212' or (>= '\u2010' and <= '\u2015');

    private static string Group(StringBuilder digits)
    {
        for (var index = Digits - 4; index > 0; index -= 4)
        {
            digits.Insert(index, '-');
        }

        return digits.ToString();
    }
}
