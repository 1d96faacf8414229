namespace SmartCampus.Edge.Gateway.WebConsole.Configuration;

/// <summary>
/// A line diff of two configuration texts for the confirmation step before an apply: unchanged lines at both ends are
/// skipped, and the changed middle is matched by longest common subsequence.
/// </summary>
internal static class ConfigurationDiff
{
    /// <summary>Largest changed middle part, in lines of either text, that is diffed line by line (an 1,500 × 1,500 table is 9 MB).</summary>
    public const int MaxChangedLines = 1500;

    /// <summary>Lines of unchanged context kept around each change.</summary>
    private const int ContextLines = 2;

    /// <summary>
    /// Returns the changed lines, each prefixed with "- " (only in the current file), "+ " (only in the new one) or
    /// "  " (context), with "…" between distant changes; an empty list when the texts have the same lines; null when
    /// the changed part is longer than <see cref="MaxChangedLines"/>.
    /// </summary>
    public static IReadOnlyList<string>? Lines(string current, string proposed)
    {
        var before = Split(current);
        var after = Split(proposed);

        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start])
        {
            start++;
        }

        var endBefore = before.Length;
        var endAfter = after.Length;
        while (endBefore > start && endAfter > start && before[endBefore - 1] == after[endAfter - 1])
        {
            endBefore--;
            endAfter--;
        }

        if (endBefore - start > MaxChangedLines || endAfter - start > MaxChangedLines)
        {
            return null;
        }

        var edits = Edits(before[start..endBefore], after[start..endAfter]);
        if (edits.Count == 0)
        {
            return [];
        }

        var lines = new List<string>();
        for (var index = Math.Max(0, start - ContextLines); index < start; index++)
        {
            lines.Add("  " + before[index]);
        }

        AppendWithContext(lines, edits);

        for (var index = endBefore; index < Math.Min(before.Length, endBefore + ContextLines); index++)
        {
            lines.Add("  " + before[index]);
        }

        return lines;
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>Every line of the middle part as kept (' '), removed ('-') or added ('+'), in order.</summary>
    private static List<(char Kind, string Line)> Edits(string[] before, string[] after)
    {
        // common[i, j] = length of the longest common subsequence of before[i..] and after[j..].
        var common = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
        {
            for (var j = after.Length - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var edits = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < before.Length || y < after.Length)
        {
            if (x < before.Length && y < after.Length && before[x] == after[y])
            {
                edits.Add((' ', before[x]));
                x++;
                y++;
            }
            else if (y < after.Length && (x == before.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                edits.Add(('+', after[y]));
                y++;
            }
            else
            {
                edits.Add(('-', before[x]));
                x++;
            }
        }

        return edits;
    }

    /// <summary>Adds the changes with up to <see cref="ContextLines"/> kept lines around each and "…" for longer unchanged runs.</summary>
    private static void AppendWithContext(List<string> lines, List<(char Kind, string Line)> edits)
    {
        for (var index = 0; index < edits.Count; index++)
        {
            var (kind, line) = edits[index];
            if (kind != ' ')
            {
                lines.Add(kind + " " + line);
                continue;
            }

            var nearChange = false;
            for (var offset = -ContextLines; offset <= ContextLines && !nearChange; offset++)
            {
                var other = index + offset;
                nearChange = other >= 0 && other < edits.Count && edits[other].Kind != ' ';
            }

            if (nearChange)
            {
                lines.Add("  " + line);
            }
            else if (lines.Count == 0 || lines[^1] != "…")
            {
                lines.Add("…");
            }
        }
    }
}
