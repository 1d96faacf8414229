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

    /// <summary>
    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring letters
    /// each cost 1, because a swap ("tset" for "test") is among the commonest typing errors.
    /// </summary>
    private static int EditDistance(string from, string to)
    {
        var distances = new int[from.Length + 1, to.Length + 1];
        for (var i = 0; i <= from.Length; i++)
        {
            distances[i, 0] = i;
        }

        for (var j = 0; j <= to.Length; j++)
        {
            distances[0, j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = distances[i - 1, j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                var best = Math.Min(substitution, Math.Min(distances[i - 1, j] + 1, distances[i, j - 1] + 1));
                if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                {
                    best = Math.Min(best, distances[i - 2, j - 2] + 1);
                }

                distances[i, j] = best;
            }
        }

        return distances[from.Length, to.Length];
    }
}
