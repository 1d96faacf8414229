using System.Collections.Concurrent;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary>
/// The exposition text of label sets already seen, so that a measurement with the same tags does not build it again.
/// The pipeline records a measurement per sample (2,000 a second at 10,000 points every 5 s), nearly always with a
/// label set it had before. Only tag sets of up to three tags with string values are kept, and at most
/// <see cref="Capacity"/> of them, so a tag that carries ever-new values cannot grow the cache without bound.
/// </summary>
internal sealed class LabelCache(Func<ReadOnlySpan<KeyValuePair<string, object?>>, string> build)
{
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<Key, string> _labels = new();
    private int _count;

    public string Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!TryKey(tags, out var key))
        {
            return build(tags);
        }

        if (_labels.TryGetValue(key, out var labels))
        {
            return labels;
        }

        labels = build(tags);
        if (Volatile.Read(ref _count) < Capacity && _labels.TryAdd(key, labels))
        {
            Interlocked.Increment(ref _count);
        }

        return labels;
    }

    private static bool TryKey(ReadOnlySpan<KeyValuePair<string, object?>> tags, out Key key)
    {
        key = default;
        if (tags.Length is 0 or > 3)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (tag.Value is not (string or null))
            {
                return false;
            }
        }

        key = new Key(
            tags.Length,
            tags[0].Key,
            (string?)tags[0].Value,
            tags.Length > 1 ? tags[1].Key : null,
            tags.Length > 1 ? (string?)tags[1].Value : null,
            tags.Length > 2 ? tags[2].Key : null,
            tags.Length > 2 ? (string?)tags[2].Value : null);
        return true;
    }

    private readonly record struct Key(int Count, string Name0, string? Value0, string? Name1, string? Value1, string? Name2, string? Value2);
}
