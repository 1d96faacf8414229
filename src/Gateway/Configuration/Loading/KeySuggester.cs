namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Finds the known name closest to a misspelt one ("adress" → "address").</summary>
internal static class KeySuggester
{
    /// <summary>
    /// Returns the candidate with the smallest case-insensitive edit distance, if that distance is at most a third
    /// of the candidate's length (at least 1). Otherwise returns null, because a far-off guess misleads more than it helps.
    /// </summary>
    public static string? Closest(string misspelt, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(misspelt.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance && distance <= Math.Max(1, candidate.Length / 3))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each cost 1.</summary>
    private static int EditDistance(string from, string to)
    {
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (var j = 0; j <= to.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[to.Length];
    }
}
