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
        var code = new StringBuilder(Digits + 2);
        for (var index = 0; index < Digits; index++)
        {
            if (index > 0 && index % 4 == 0)
            {
                code.Append('-');
            }

            code.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return code.ToString();
    }

    /// <summary>Removes the spaces a technician may type between the groups; the dashes stay, as printed.</summary>
    public static string Normalise(string code) => code.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
}
