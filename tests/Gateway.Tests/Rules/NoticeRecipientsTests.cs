using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>A notice to a building, floor or room is resolved to boards when it is sent, not when the rules were built.</summary>
public class NoticeRecipientsTests
{
    private static readonly BoardGroup FloorTwo = new("A", "2", null);

    private static readonly LocalizedText Text = new([new("en", "Leave by the east stairs.")]);

    private readonly BoardDirectory directory = new(
    [
        new BoardLocation("board-201", "A", "2", "201"),
        new BoardLocation("board-202", "A", "2", "202"),
        new BoardLocation("board-301", "A", "3", "301"),
    ]);

    [Fact]
    public void Send_BoardAddedAfterStartGetsNotice()
    {
        var recipients = new NoticeRecipients(directory);
        var command = Notice(emergency: false);
        Assert.Equal(["board-201", "board-202"], recipients.ForSend(command));

        directory.Replace(
        [
            new BoardLocation("board-201", "A", "2", "201"),
            new BoardLocation("board-202", "A", "2", "202"),
            new BoardLocation("board-203", "a", "2", "203"),
            new BoardLocation("board-301", "A", "3", "301"),
        ]);

        Assert.Equal(["board-201", "board-202", "board-203"], recipients.ForSend(command));
    }

    [Fact]
    public void Clear_ReachesBoardMovedOutOfGroup()
    {
        var recipients = new NoticeRecipients(directory);
        recipients.ForSend(Notice(emergency: true));

        // board-202 moves to floor 3 and board-204 is added to floor 2 while the alarm is active.
        directory.Replace(
        [
            new BoardLocation("board-201", "A", "2", "201"),
            new BoardLocation("board-202", "A", "3", "302"),
            new BoardLocation("board-204", "A", "2", "204"),
        ]);
        var cleared = recipients.ForClear(new ClearEmergencyNoticeCommand(FloorTwo.ToString(), "fire", "alarm-1/0") { Group = FloorTwo });

        Assert.Equal(["board-201", "board-202", "board-204"], cleared);
    }

    [Fact]
    public void Clear_ForgetsWithdrawnNotice()
    {
        var recipients = new NoticeRecipients(directory);
        recipients.ForSend(Notice(emergency: true));
        var clear = new ClearEmergencyNoticeCommand(FloorTwo.ToString(), "fire", "alarm-1/0") { Group = FloorTwo };
        recipients.ForClear(clear);

        directory.Replace([new BoardLocation("board-201", "A", "2", "201")]);

        Assert.Equal(["board-201"], recipients.ForClear(clear));
    }

    [Theory]
    [InlineData("board-201")]
    [InlineData("all")]
    public void Send_SingleTargetPassesThrough(string target)
    {
        var recipients = new NoticeRecipients(directory);

        var boards = recipients.ForSend(new SendNoticeCommand(target, Text, false, "co2", "alarm-1/0"));

        Assert.Equal([target], boards);
    }

    [Fact]
    public void Group_RejectsNoKey()
    {
        Assert.Throws<ArgumentException>(() => new BoardGroup(null, " ", null));
    }

    private static SendNoticeCommand Notice(bool emergency) =>
        new(FloorTwo.ToString(), Text, emergency, "fire", "alarm-1/0") { Group = FloorTwo };
}
