using System.Reflection;
using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Growth steps of LiteDB's page cache. LiteDB 5.0.21 keeps 8 KiB pages in segments it never frees, and it adds a
/// segment when no page is free and no more unused pages than the next segment's size can be recycled. Its steps
/// are 12, 50, 100, 500 and then 1,000 pages, so a busy database soon has 1,662 pages (13.6 MB) whatever it
/// needs. With steps of at most 100 pages the cache stops about 100 pages above the pages in use at once.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21 has no setting for this. The steps are the internal static field <c>LiteDB.Constants.MEMORY_SEGMENT_SIZES</c>,
/// which every engine reads when it opens, so they are set here by reflection, once per process, before the
/// outbox opens an engine. A LiteDB version without that field keeps its own steps, and
/// <c>LiteDbPageCacheTests</c> fails on it.
/// </remarks>
internal static class LiteDbPageCache
{
    /// <summary>Pages added at each growth step; the last step repeats.</summary>
    public static IReadOnlyList<int> SegmentPages { get; } = [12, 50, 100];

    private static readonly bool Limited = Limit();

    /// <summary>Sets the steps if not done yet; returns false when this LiteDB version has no such field.</summary>
    public static bool EnsureLimited() => Limited;

    private static bool Limit()
    {
        var field = typeof(LiteDatabase).Assembly
            .GetType("LiteDB.Constants")?
            .GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (field is null || field.FieldType != typeof(int[]) || field.IsInitOnly || field.IsLiteral)
        {
            return false;
        }

        field.SetValue(null, SegmentPages.ToArray());
        return true;
    }
}
