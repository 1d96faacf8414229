using System.Globalization;
using System.Resources;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus;

/// <summary>Operator text of the Modbus driver from ModbusText.resx (en) and ModbusText.zh-CN.resx.</summary>
internal static class ModbusText
{
    private static readonly ResourceManager Resources = new(typeof(ModbusText));

    /// <summary>Formats the resource <paramref name="key"/>, falling back to English for a culture without text.</summary>
    public static string Format(CultureInfo culture, string key, params object?[] arguments)
    {
        var template = Resources.GetString(key, culture)
            ?? throw new InvalidOperationException($"Resource '{key}' is missing from ModbusText.resx.");
        return string.Format(culture, template, arguments);
    }

    /// <summary>Returns the meaning of an exception code, such as "illegal data address" for 02.</summary>
    public static string DescribeExceptionCode(CultureInfo culture, ModbusExceptionCode code)
    {
        var key = "ExceptionCode" + ((byte)code).ToString("X2", CultureInfo.InvariantCulture);
        return Resources.GetString(key, culture) ?? Format(culture, "ExceptionCodeUnknown");
    }

    /// <summary>Returns the resource keys of one culture only, without fallback, so tests can compare en and zh-CN.</summary>
    internal static IReadOnlySet<string> KeysOf(CultureInfo culture)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        if (set is null)
        {
            return keys;
        }

        foreach (System.Collections.DictionaryEntry entry in set)
        {
            keys.Add((string)entry.Key);
        }

        return keys;
    }
}
