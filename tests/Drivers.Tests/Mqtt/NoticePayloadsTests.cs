using System.Text;
using System.Text.Json;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

public sealed class NoticePayloadsTests
{
    [Fact]
    public void Notice_WithAllFields()
    {
        var notice = new ClassBoardNotice("n-7", "请开窗通风。\"CO2\"", NoticeKind.Fullscreen, 5, new DateTimeOffset(2025, 3, 3, 16, 0, 0, TimeSpan.FromHours(8)));

        var bytes = NoticePayloads.Notice(notice);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("n-7", root.GetProperty("id").GetString());
        Assert.Equal("fullscreen", root.GetProperty("kind").GetString());
        Assert.Equal(5, root.GetProperty("priority").GetInt32());
        Assert.Equal("请开窗通风。\"CO2\"", root.GetProperty("text").GetString());
        Assert.Equal("2025-03-03T08:00:00Z", root.GetProperty("expiresAt").GetString());
        Assert.Contains("请开窗通风", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_WithoutExpiry_OmitsField()
    {
        using var json = JsonDocument.Parse(NoticePayloads.Notice(new ClassBoardNotice("n-1", "text")));

        Assert.Equal("scrolling", json.RootElement.GetProperty("kind").GetString());
        Assert.False(json.RootElement.TryGetProperty("expiresAt", out _));
    }

    [Fact]
    public void Emergency_ActiveAndCleared()
    {
        using var active = JsonDocument.Parse(NoticePayloads.Emergency("fire-1", "火警！"));
        using var cleared = JsonDocument.Parse(NoticePayloads.EmergencyCleared("fire-1"));

        Assert.Equal("fire-1", active.RootElement.GetProperty("id").GetString());
        Assert.Equal("火警！", active.RootElement.GetProperty("text").GetString());
        Assert.True(active.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal("fire-1", cleared.RootElement.GetProperty("id").GetString());
        Assert.False(cleared.RootElement.GetProperty("active").GetBoolean());
    }
}
