namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Shortens lists of ids for messages, so that a site with hundreds of devices still gets a readable line.</summary>
internal static class NameList
{
    public const int MaxListed = 20;

    /// <summary>Returns the first <see cref="MaxListed"/> names, followed by "…" when there are more.</summary>
    public static IReadOnlyList<string> Limit(IEnumerable<string> names)
    {
        var listed = names.Take(MaxListed + 1).ToList();
        if (listed.Count > MaxListed)
        {
            listed[MaxListed] = "…";
        }

        return listed;
    }
}
