using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

public sealed class CampusTopicsTests
{
    [Fact]
    public void Topics_FollowTheScheme()
    {
        Assert.Equal("campus/boards/board-201/heartbeat", CampusTopics.Heartbeat("board-201"));
        Assert.Equal("campus/boards/board-201/notice", CampusTopics.Notice("board-201"));
        Assert.Equal("campus/boards/board-201/emergency", CampusTopics.Emergency("board-201"));
        Assert.Equal("campus/boards/board-201/", CampusTopics.BoardPrefix("board-201"));
    }

    [Theory]
    [InlineData("campus/boards/board-201/heartbeat", "board-201")]
    [InlineData("campus/boards/B_7/heartbeat", "B_7")]
    public void TryParseHeartbeat_Valid(string topic, string boardId)
    {
        Assert.True(CampusTopics.TryParseHeartbeat(topic, out var parsed));
        Assert.Equal(boardId, parsed);
    }

    [Theory]
    [InlineData("campus/boards//heartbeat")]
    [InlineData("campus/boards/a/b/heartbeat")]
    [InlineData("campus/boards/a.b/heartbeat")]
    [InlineData("campus/boards/all/heartbeat")]
    [InlineData("campus/boards/board-201/notice")]
    [InlineData("other/boards/board-201/heartbeat")]
    [InlineData("campus/boards/heartbeat")]
    [InlineData(null)]
    public void TryParseHeartbeat_Invalid(string? topic)
    {
        Assert.False(CampusTopics.TryParseHeartbeat(topic, out _));
    }

    [Theory]
    [InlineData("board-201", true)]
    [InlineData("", false)]
    [InlineData("b+1", false)]
    [InlineData("b#", false)]
    [InlineData("bldg.201", false)]
    [InlineData("all", false)]
    [InlineData("班牌201", false)]
    public void IsValidBoardId(string boardId, bool valid)
    {
        Assert.Equal(valid, CampusTopics.IsValidBoardId(boardId));
    }

    [Fact]
    public void IsValidBoardId_TooLong()
    {
        Assert.True(CampusTopics.IsValidBoardId(new string('b', 64)));
        Assert.False(CampusTopics.IsValidBoardId(new string('b', 65)));
    }
}
