using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>A plain text table with columns padded to their widest cell, for terminal output.</summary>
internal sealed class ModbusTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public ModbusTable(params string[] headers)
    {
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Width(row[i]));
            }
        }

        foreach (var row in _rows.Prepend(_headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                line.Append(row[i]);
                if (i < widths.Length - 1)
                {
                    line.Append(' ', widths[i] - Width(row[i]) + 2);
                }
            }

            output.WriteLine(line.ToString());
        }
    }

    /// <summary>Terminal columns of <paramref name="text"/>: CJK characters take two.</summary>
    private static int Width(string text) =>
        text.Sum(character => CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.OtherLetter && character >= '\u1100' ? 2 : 1);
}
