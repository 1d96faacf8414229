using System.Buffers;
using System.Text;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

public sealed class HeartbeatParserTests
{
    private const int Limit = 16 * 1024;

    [Fact]
    public void Parse_FullHeartbeat()
    {
        var ok = TryParse("""{"ts":"2025-03-03T08:00:00+08:00","mode":"exam","screenOn":false,"appVersion":"2.1"}""", out var heartbeat, out _);

        Assert.True(ok);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), heartbeat.Timestamp);
        Assert.Equal("exam", heartbeat.Mode);
        Assert.False(heartbeat.ScreenOn);
    }

    [Fact]
    public void Parse_UnixMillisecondsTimestamp()
    {
        var ok = TryParse("""{"ts":1740960000000}""", out var heartbeat, out _);

        Assert.True(ok);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740960000000), heartbeat.Timestamp);
    }

    [Fact]
    public void Parse_FieldsOfWrongType_AreIgnored()
    {
        var ok = TryParse("""{"ts":"yesterday","mode":3,"screenOn":"yes"}""", out var heartbeat, out _);

        Assert.True(ok);
        Assert.Null(heartbeat.Timestamp);
        Assert.Null(heartbeat.Mode);
        Assert.Null(heartbeat.ScreenOn);
    }

    [Fact]
    public void Parse_SplitAcrossSegments()
    {
        var first = new Segment(Encoding.UTF8.GetBytes("""{"mode":"""));
        var last = first.Append(Encoding.UTF8.GetBytes("\"class\"}"));
        var payload = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        var ok = HeartbeatParser.TryParse(payload, Limit, out var heartbeat, out _);

        Assert.True(ok);
        Assert.Equal("class", heartbeat.Mode);
    }

    [Fact]
    public void Reject_TypographicQuotes_AtTheirOffset()
    {
        var ok = TryParse("{ “model”: “T1000”, “temp”: 11}", out _, out var rejection);

        Assert.False(ok);
        Assert.StartsWith("invalid JSON", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(2, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_StrayLeadingQuote()
    {
        // The stray quote opens the string "{", a complete JSON value; the next byte, 'm' at offset 3, cannot follow it.
        var ok = TryParse("\"{\"mode\":\"class\"}", out _, out var rejection);

        Assert.False(ok);
        Assert.StartsWith("invalid JSON", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(3, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_TruncatedJson_AtEnd()
    {
        var text = "{\"mode\":\"cla";

        var ok = TryParse(text, out _, out var rejection);

        Assert.False(ok);
        Assert.StartsWith("invalid JSON", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(text.Length, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_InvalidUtf8_AtItsOffset()
    {
        byte[] payload = [0x7B, 0x22, 0x6D, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D];

        var ok = HeartbeatParser.TryParse(new ReadOnlySequence<byte>(payload), Limit, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal("invalid UTF-8", rejection.Reason);
        Assert.Equal(6, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_Empty()
    {
        var ok = HeartbeatParser.TryParse(ReadOnlySequence<byte>.Empty, Limit, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal("empty payload", rejection.Reason);
        Assert.Equal(0, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_Oversize_BeforeReading()
    {
        var payload = new byte[(1024 * 1024) + 1];

        var ok = HeartbeatParser.TryParse(new ReadOnlySequence<byte>(payload), Limit, out _, out var rejection);

        Assert.False(ok);
        Assert.Contains("1048577 bytes", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(Limit, rejection.ByteOffset);
    }

    [Fact]
    public void Accept_PayloadOfExactlyTheLimit()
    {
        var padding = new string(' ', Limit - 2);
        var ok = TryParse("{" + padding + "}", out _, out _);

        Assert.True(ok);
    }

    [Fact]
    public void Reject_NotAnObject()
    {
        var ok = TryParse("[1,2]", out _, out var rejection);

        Assert.False(ok);
        Assert.Contains("expected a JSON object", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_ContentAfterObject()
    {
        var ok = TryParse("{} {}", out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(3, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_ErrorOnSecondLine_GivesAbsoluteOffset()
    {
        var ok = TryParse("{\n\"mode\": x}", out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(10, rejection.ByteOffset);
    }

    [Fact]
    public void Reject_Comments()
    {
        var ok = TryParse("{/* board */}", out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(1, rejection.ByteOffset);
    }

    private static bool TryParse(string text, out Heartbeat heartbeat, out PayloadRejection rejection) =>
        HeartbeatParser.TryParse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)), Limit, out heartbeat, out rejection);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
