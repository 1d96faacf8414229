using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

public sealed class ModbusRtuBusTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ExceptionFrame_EndsAtItsRealLength()
    {
        // On a fake clock that never moves, only the frame's own length can end the read: no timer can fire.
        var time = new FakeTimeProvider();
        await using var bench = new RtuBench(time);
        var read = bench.Client(TimeSpan.FromSeconds(1)).ReadCoilsAsync(0x0A, 0x04A1, 1, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        Assert.Equal("0A0104A10001AC63", Convert.ToHexString(request));
        bench.Line.Feed("0A 81 02 B0 53");

        var error = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => read.WaitAsync(Patient));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.Code);
        Assert.Equal(ModbusFunctionCode.ReadCoils, error.Function);
        Assert.Equal(
            "Device bench (unit 10) rejected function 1 at address 1185: illegal data address (exception code 02).",
            error.GetMessage(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task DeviceId_FrameEndsAtItsObjectLengths()
    {
        // On a fake clock only the lengths in the reply can end the read: header, two objects, CRC.
        var time = new FakeTimeProvider();
        await using var bench = new RtuBench(time);
        var read = bench.Client(TimeSpan.FromSeconds(1)).ReadDeviceIdentificationAsync(3, ModbusDeviceIdReadCode.Basic, 0, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        Assert.Equal("032B0E0100", Convert.ToHexString(request[..5]));
        Assert.True(ModbusCrc.IsValid(request));

        byte[] body = [.. ScriptedStream.Hex("03 2B 0E 01 81 FF 02 02 00 03 41 43 4D 01 02 50 31")];
        var frame = new byte[body.Length + 2];
        body.CopyTo(frame, 0);
        ModbusCrc.Write(body, frame.AsSpan(body.Length));
        foreach (var value in frame)
        {
            bench.Line.Feed([value]);
        }

        var response = await read.WaitAsync(Patient);
        Assert.True(response.MoreFollows);
        Assert.Equal(0x02, response.NextObjectId);
        Assert.Equal(["ACM", "P1"], response.Objects.Select(item => item.Text));
    }

    [Fact]
    public async Task ReadWrite_FrameEndsAtItsByteCount()
    {
        // On a fake clock only the reply's byte count can end the read: FC23 reads 2 registers, so 9 bytes in all.
        var time = new FakeTimeProvider();
        await using var bench = new RtuBench(time);
        var read = bench.Client(TimeSpan.FromSeconds(1)).ReadWriteMultipleRegistersAsync(1, 3, 2, 14, new ushort[] { 0x00FF }, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        Assert.Equal("011700030002000E00010200FF", Convert.ToHexString(request[..^2]));
        Assert.True(ModbusCrc.IsValid(request));
        foreach (var value in Frame("01 17 04 00 FE 0A CD"))
        {
            bench.Line.Feed([value]);
        }

        Assert.Equal([0x00FE, 0x0ACD], await read.WaitAsync(Patient));
    }

    [Fact]
    public async Task Read_ReplyInSingleBytes()
    {
        await using var bench = new RtuBench();
        var read = bench.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        foreach (var value in ScriptedStream.Hex("01 03 02 00 2A 39 9B"))
        {
            bench.Line.Feed([value]);
        }

        Assert.Equal([42], await read.WaitAsync(Patient));
    }

    [Fact]
    public async Task Read_JunkThenSilenceIsDropped()
    {
        await using var bench = new RtuBench();
        var read = bench.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("00 20 40");
        await Task.Delay(RtuBench.Silence * 5);
        bench.Line.Feed("01 03 02 00 2A 39 9B");

        Assert.Equal([42], await read.WaitAsync(Patient));
        Assert.Equal(1, bench.Logged(2024));
    }

    [Fact]
    public async Task Read_JunkWithoutPauseIsResynced()
    {
        await using var bench = new RtuBench();
        var read = bench.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("00 20 40 01 03 02 00 2A 39 9B");

        Assert.Equal([42], await read.WaitAsync(Patient));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_JunkAndEchoBeforeReply(bool pause)
    {
        // The request for 11 registers at 0x4000 is 01 03 40 00 00 0B 11 CD; a two-wire adapter echoes it after noise.
        await using var bench = new RtuBench();
        var read = bench.Client(Patient).ReadHoldingRegistersAsync(1, 0x4000, 11, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        Assert.Equal("01034000000B11CD", Convert.ToHexString(request));
        bench.Line.Feed("00 20 40");
        if (pause)
        {
            await Task.Delay(RtuBench.Silence * 5);
        }

        bench.Line.Feed("01 03 40 00 00 0B 11 CD");
        var values = Enumerable.Range(1, 11).Select(i => (ushort)(i * 1000)).ToArray();
        bench.Line.Feed(Frame("01 03 16 " + string.Join(' ', values.Select(v => v.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(values, await read.WaitAsync(Patient));
        Assert.Equal(1, bench.Logged(2022));
    }

    [Fact]
    public async Task Read_WrongSlaveAndFunctionIgnored()
    {
        await using var bench = new RtuBench();
        var read = bench.Client(Patient).ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed(Frame("02 03 02 00 07"));
        bench.Line.Feed(Frame("01 04 02 00 08"));
        bench.Line.Feed(Frame("01 03 02 00 2A"));

        Assert.Equal([42], await read.WaitAsync(Patient));
        Assert.Equal(2, bench.Logged(2023));
    }

    [Fact]
    public async Task Read_EchoIsSkipped()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(Patient);
        var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        var request = await bench.NextRequestAsync();
        bench.Line.Feed(request);
        bench.Line.Feed(Frame("01 03 02 00 2A"));
        Assert.Equal([42], await read.WaitAsync(Patient));

        // Once the line is known to echo, the copy of an FC6 request is skipped too, though it looks like the reply.
        var write = client.WriteSingleRegisterAsync(1, 5, 7, CancellationToken.None);
        var writeRequest = await bench.Line.NextWriteAsync();
        bench.Line.Feed(writeRequest);
        await Task.Delay(RtuBench.Silence * 2);
        Assert.False(write.IsCompleted);
        bench.Line.Feed(writeRequest);
        await write.WaitAsync(Patient);
        Assert.Equal(1, bench.Logged(2022));
    }

    [Fact]
    public async Task Read_NoiseUntilDeadlineIsFramingError()
    {
        await using var bench = new RtuBench();
        var read = bench.Client(TimeSpan.FromMilliseconds(300)).ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);

        await bench.NextRequestAsync();
        bench.Line.Feed("01 03 02 00 2A 00 00"); // right length, wrong CRC

        var error = await Assert.ThrowsAsync<ModbusProtocolException>(() => read.WaitAsync(Patient));
        Assert.Equal(ModbusProtocolError.FramingError, error.Error);
    }

    [Fact]
    public async Task Read_SilentDeviceTimesOut()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(TimeSpan.FromMilliseconds(100), retries: 2);
        var read = client.ReadHoldingRegistersAsync(7, 0, 1, CancellationToken.None);

        await Assert.ThrowsAsync<ModbusTimeoutException>(() => read.WaitAsync(Patient));
        Assert.Equal(3, client.GetCounters().Timeouts);
        Assert.Equal(3, client.GetCounters().Requests);
    }

    [Fact]
    public async Task Read_LateReplyDoesNotAnswerNextRequest()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(TimeSpan.FromMilliseconds(100));
        var first = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.NextRequestAsync();
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => first.WaitAsync(Patient));

        // The late reply to the first request arrives before the second request goes out; the flush drops it.
        bench.Line.Feed(Frame("01 03 02 00 01"));
        await Task.Delay(RtuBench.Silence * 3);
        var second = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.Line.NextWriteAsync();
        bench.Line.Feed(Frame("01 03 02 00 2A"));

        Assert.Equal([42], await second.WaitAsync(Patient));
    }

    [Fact]
    public async Task FramingErrors_ReopenPort()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(TimeSpan.FromMilliseconds(150));
        for (var i = 0; i < 3; i++)
        {
            var read = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
            await bench.Line.NextWriteAsync().WaitAsync(Patient);
            bench.Line.Feed("01 03 02 FF FF 00 00");
            await Assert.ThrowsAsync<ModbusProtocolException>(() => read.WaitAsync(Patient));
        }

        Assert.True(bench.Line.IsDisposed);
        var again = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.NextRequestAsync(opensBefore: 1);
        bench.Line.Feed(Frame("01 03 02 00 2A"));

        Assert.Equal([42], await again.WaitAsync(Patient));
        Assert.Equal(2, bench.Opens);
    }

    [Fact]
    public async Task Coils_ReadAndWrite()
    {
        await using var bench = new RtuBench();
        var client = bench.Client(Patient);

        var read = client.ReadCoilsAsync(1, 19, 10, CancellationToken.None);
        Assert.Equal("0101001300", Convert.ToHexString(await bench.NextRequestAsync())[..10]);
        bench.Line.Feed(Frame("01 01 02 CD 01"));
        bool[] coils = [true, false, true, true, false, false, true, true, true, false];
        Assert.Equal(coils, await read.WaitAsync(Patient));

        var write = client.WriteMultipleCoilsAsync(1, 19, coils, CancellationToken.None);
        var request = await bench.Line.NextWriteAsync();
        Assert.Equal("010F0013000A02CD01", Convert.ToHexString(request)[..18]);
        bench.Line.Feed(Frame("01 0F 00 13 00 0A"));
        await write.WaitAsync(Patient);

        var single = client.WriteSingleCoilAsync(1, 172, true, CancellationToken.None);
        request = await bench.Line.NextWriteAsync();
        Assert.Equal("010500ACFF00", Convert.ToHexString(request)[..12]);
        bench.Line.Feed(request);
        await single.WaitAsync(Patient);
    }

    [Fact]
    public async Task Scheduler_SafetyGoesBeforeComfort()
    {
        await using var bench = new RtuBench();
        var comfort = bench.Client(Patient, priority: ModbusPollPriority.Comfort);
        var safety = bench.Client(Patient, priority: ModbusPollPriority.Safety);

        var busy = comfort.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.NextRequestAsync();
        var comfortWaiting = comfort.ReadHoldingRegistersAsync(2, 0, 1, CancellationToken.None);
        var safetyWaiting = safety.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None);
        while (bench.Bus.QueueLength < 2)
        {
            await Task.Delay(5);
        }

        bench.Line.Feed(Frame("01 03 02 00 01"));
        await busy.WaitAsync(Patient);

        var next = await bench.Line.NextWriteAsync();
        Assert.Equal(3, next[0]);
        bench.Line.Feed(Frame("03 03 02 00 03"));
        Assert.Equal([3], await safetyWaiting.WaitAsync(Patient));

        Assert.Equal(2, (await bench.Line.NextWriteAsync())[0]);
        bench.Line.Feed(Frame("02 03 02 00 02"));
        Assert.Equal([2], await comfortWaiting.WaitAsync(Patient));
    }

    [Fact]
    public async Task Gap_KeptBetweenFrames()
    {
        var time = new FakeTimeProvider();
        await using var bench = new RtuBench(time, baudRate: 1200); // 3.5 characters = 29.2 ms
        var client = bench.Client(TimeSpan.FromSeconds(1));
        var first = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await bench.NextRequestAsync();
        bench.Line.Feed(Frame("01 03 02 00 01"));
        await first.WaitAsync(Patient);

        var second = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        var early = bench.Line.NextWriteAsync();
        await Task.Delay(100);
        Assert.False(early.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(30));
        await early.WaitAsync(Patient);
        bench.Line.Feed(Frame("01 03 02 00 02"));
        Assert.Equal([2], await second.WaitAsync(Patient));
    }

    internal static byte[] Frame(string hexWithoutCrc)
    {
        var body = ScriptedStream.Hex(hexWithoutCrc);
        var frame = new byte[body.Length + 2];
        body.CopyTo(frame, 0);
        ModbusCrc.Write(body, frame.AsSpan(body.Length));
        return frame;
    }
}
