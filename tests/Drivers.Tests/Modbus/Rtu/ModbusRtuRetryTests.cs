using SmartCampus.Edge.Drivers.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

/// <summary>
/// A reply that is cut off or fails its CRC ends the attempt at the next silence, not at the deadline, and the device's
/// retries send the request again. The deadline here is far longer than the test waits, so only the early end passes.
/// </summary>
public sealed class ModbusRtuRetryTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("01")]
    [InlineData("01 03")]
    [InlineData("01 03 02 00")]
    [InlineData("01 03 02 00 2A 39")]
    [InlineData("01 03 02 00 2A 00 00")]
    [InlineData("01 83")]
    public async Task DamagedReply_IsRetried(string damaged)
    {
        await using var bench = new RtuBench();
        var client = bench.Client(LongDeadline, retries: 1);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        var first = await bench.NextRequestAsync();
        bench.Line.Feed(damaged);
        var second = await bench.Line.NextWriteAsync();
        Assert.Equal(first, second);
        bench.Line.Feed(ModbusRtuBusTests.Frame("01 03 02 00 2A"));

        Assert.Equal([42], await read.WaitAsync(Patient));
        var counters = client.GetCounters();
        Assert.Equal(2, counters.Requests);
        Assert.Equal(1, counters.FramingErrors);
        Assert.Equal(1, counters.Responses);
        Assert.Equal(0, counters.Timeouts);
        Assert.Equal(1, bench.Logged(2026));
    }

    [Fact]
    public async Task DamagedReply_NoRetriesLeftIsFramingError()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(LongDeadline, retries: 0);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("01 03 02 00");

        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => read.WaitAsync(Patient));
        Assert.Equal(ModbusProtocolError.FramingError, error.Error);
        Assert.Equal(1, client.GetCounters().FramingErrors);
        Assert.Equal(1, bench.Logged(2025));
    }

    [Fact]
    public async Task DamagedReply_TailIsFlushedBeforeRetry()
    {
        // A CRC failure, then more of the broken reply without a pause: the retry waits for silence, and the tail
        // that arrives in between cannot be taken for the retry's reply.
        await using var bench = new RtuBench();
        var client = bench.Client(LongDeadline, retries: 1);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("01 03 02 00 2A 00 00");
        await Task.Delay(RtuBench.Silence / 2);
        bench.Line.Feed("01 03 02 00");
        await bench.Line.NextWriteAsync();
        bench.Line.Feed(ModbusRtuBusTests.Frame("01 03 02 00 2B"));

        Assert.Equal([43], await read.WaitAsync(Patient));
        Assert.Equal(1, client.GetCounters().FramingErrors);
    }

    [Fact]
    public async Task ForeignPartialThenSilence_KeepsWaiting()
    {
        // Bytes of another slave's frame are noise, not a damaged reply: the request keeps waiting for its own reply.
        await using var bench = new RtuBench();
        var client = bench.Client(LongDeadline, retries: 1);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("05 03 02 00");
        await Task.Delay(RtuBench.Silence * 5);
        Assert.False(read.IsCompleted);
        bench.Line.Feed(ModbusRtuBusTests.Frame("01 03 02 00 2A"));

        Assert.Equal([42], await read.WaitAsync(Patient));
        Assert.Equal(1, client.GetCounters().Requests);
        Assert.Equal(0, bench.Logged(2026));
    }

    [Fact]
    public async Task ExceptionFrame_BadCrcIsFramingError()
    {
        // The exception reply 0A 81 02 with its last CRC byte off by one is not an exception response. The read ends
        // at the silence after it as a framing error, long before the deadline, and the metrics count it as framing.
        await using var bench = new RtuBench();
        var deviceId = "crc-" + Guid.NewGuid().ToString("N");
        using var metrics = new MetricsRecorder(deviceId);
        var client = bench.Bus.CreateClient(deviceId, ModbusPollPriority.Normal, LongDeadline, retries: 0);
        var read = client.ReadCoilsAsync(0x0A, 0x04A1, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("0A 81 02 B0 54");

        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => read.WaitAsync(Patient));
        Assert.Equal(ModbusProtocolError.FramingError, error.Error);
        Assert.Equal(1, client.GetCounters().FramingErrors);
        Assert.Equal(0, client.GetCounters().ExceptionResponses);
        Assert.Equal(1, metrics.Sum(ModbusMetrics.ErrorsName, "framing"));
        Assert.Equal(1, metrics.Sum(ModbusMetrics.RequestsName));
    }

    [Fact]
    public async Task JunkThenCutReply_NextRequestRecovers()
    {
        // Junk without a pause, then a reply cut short: no valid frame, so the poll ends in a framing error. The next
        // request on the same port gets its reply, and the port is not reopened for one error.
        await using var bench = new RtuBench();
        var client = bench.Client(LongDeadline, retries: 0);
        var first = client.ReadHoldingRegistersAsync(1, 0x4000, 11, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        Assert.Equal("01034000000B11CD", Convert.ToHexString(request));
        bench.Line.Feed("00 20 40 01 03 16 03 E8 07");
        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => first.WaitAsync(Patient));
        Assert.Equal(ModbusProtocolError.FramingError, error.Error);

        var second = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.Line.NextWriteAsync();
        bench.Line.Feed(ModbusRtuBusTests.Frame("01 03 02 00 2A"));

        Assert.Equal([42], await second.WaitAsync(Patient));
        Assert.Equal(1, bench.Opens);
        Assert.Equal(1, client.GetCounters().FramingErrors);
        Assert.Equal(1, client.GetCounters().Responses);
    }
}
