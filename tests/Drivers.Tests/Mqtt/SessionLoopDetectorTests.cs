using System.Buffers;
using System.Text;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

public sealed class SessionLoopDetectorTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(30);

    [Fact]
    public void SameMessageThreeTimes_Loop()
    {
        var detector = new SessionLoopDetector(Short, threshold: 3);

        Assert.False(EndSession(detector, "campus/sensors/bad", "{", TimeSpan.FromSeconds(1)));
        Assert.False(EndSession(detector, "campus/sensors/bad", "{", TimeSpan.FromSeconds(2)));
        Assert.True(EndSession(detector, "campus/sensors/bad", "{", TimeSpan.FromSeconds(1)));

        Assert.Equal("campus/sensors/bad", detector.LoopTopic);
        Assert.Equal(3, detector.Repeats);
    }

    [Fact]
    public void LongSessionBetween_ResetsCount()
    {
        var detector = new SessionLoopDetector(Short, threshold: 3);

        EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1));
        EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1));
        Assert.False(EndSession(detector, "t/a", "x", TimeSpan.FromMinutes(5)));
        Assert.False(EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1)));

        Assert.Null(detector.LoopTopic);
        Assert.Equal(1, detector.Repeats);
    }

    [Fact]
    public void DifferentMessages_NoLoop()
    {
        var detector = new SessionLoopDetector(Short, threshold: 2);

        EndSession(detector, "t/a", "1", TimeSpan.FromSeconds(1));
        Assert.False(EndSession(detector, "t/a", "2", TimeSpan.FromSeconds(1)));
        Assert.False(EndSession(detector, "t/b", "2", TimeSpan.FromSeconds(1)));

        Assert.Null(detector.LoopTopic);
    }

    [Fact]
    public void ShortSessionWithoutMessage_ResetsCount()
    {
        var detector = new SessionLoopDetector(Short, threshold: 2);

        EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1));
        detector.OnConnected();
        Assert.False(detector.OnDisconnected(TimeSpan.FromSeconds(1)));
        Assert.False(EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Loop_ReportedOnce()
    {
        var detector = new SessionLoopDetector(Short, threshold: 2);

        EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1));
        Assert.True(EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1)));
        Assert.False(EndSession(detector, "t/a", "x", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Fingerprint_SegmentedPayloadEqualsContiguous()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"pm25\":12,\"co2\":800}");
        var first = new Segment(bytes.AsMemory(0, 7));
        var last = first.Append(bytes.AsMemory(7));
        var segmented = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.Equal(
            MessageFingerprint.Of("t", new ReadOnlySequence<byte>(bytes)),
            MessageFingerprint.Of("t", segmented));
        Assert.NotEqual(
            MessageFingerprint.Of("t", new ReadOnlySequence<byte>(bytes)),
            MessageFingerprint.Of("t", new ReadOnlySequence<byte>(bytes.AsMemory(1))));
    }

    private static bool EndSession(SessionLoopDetector detector, string topic, string payload, TimeSpan length)
    {
        detector.OnConnected();
        detector.OnMessage(MessageFingerprint.Of("other/topic", new ReadOnlySequence<byte>("{}"u8.ToArray())));
        detector.OnMessage(MessageFingerprint.Of(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload))));
        return detector.OnDisconnected(length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
