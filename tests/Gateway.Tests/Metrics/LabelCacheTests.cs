using SmartCampus.Edge.Gateway.WebConsole.Metrics;

namespace SmartCampus.Edge.Gateway.Tests.Metrics;

/// <summary>The exporter's cache of label texts: built once per tag set, never a stale or foreign text.</summary>
public sealed class LabelCacheTests
{
    private int _built;

    private string Build(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _built++;
        return string.Join(',', tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"));
    }

    private static KeyValuePair<string, object?>[] Tags(params (string Key, object? Value)[] tags) =>
        [.. tags.Select(tag => new KeyValuePair<string, object?>(tag.Key, tag.Value))];

    [Fact]
    public void Get_BuildsOncePerTagSet()
    {
        var cache = new LabelCache(Build);

        var first = cache.Get(Tags(("device", "room1"), ("quality", "good")));
        var again = cache.Get(Tags(("device", "room1"), ("quality", "good")));
        var other = cache.Get(Tags(("device", "room1"), ("quality", "bad")));
        var shorter = cache.Get(Tags(("device", "room1")));

        Assert.Equal("device=room1,quality=good", first);
        Assert.Same(first, again);
        Assert.Equal("device=room1,quality=bad", other);
        Assert.Equal("device=room1", shorter);
        Assert.Equal(3, _built);
    }

    [Fact]
    public void Get_NonTextValuesNotKept()
    {
        var cache = new LabelCache(Build);

        Assert.Equal("unit=3", cache.Get(Tags(("unit", 3))));
        Assert.Equal("unit=3", cache.Get(Tags(("unit", 3))));
        Assert.Equal("a=1,b=2,c=3,d=4", cache.Get(Tags(("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"))));
        Assert.Equal(string.Empty, cache.Get([]));

        Assert.Equal(4, _built);
    }

    [Fact]
    public void Get_FullCacheStillBuilds()
    {
        var cache = new LabelCache(Build);
        for (var i = 0; i < LabelCache.Capacity; i++)
        {
            cache.Get(Tags(("request", $"r{i}")));
        }

        Assert.Equal("request=new", cache.Get(Tags(("request", "new"))));
        Assert.Equal("request=new", cache.Get(Tags(("request", "new"))));
        Assert.Equal(LabelCache.Capacity + 2, _built);
    }
}
