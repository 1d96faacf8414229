using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Properties;

/// <summary>
/// Any byte stream, cut into any reads, ends in a frame, a Modbus error or the end of the stream: never another
/// exception, and never values that did not arrive as a whole, CRC-valid frame for the right slave and function.
/// </summary>
public sealed class FrameReaderProperties
{
    private static readonly byte[] Request = ModbusRtuBus.BuildAdu(1, ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0, 2).Pdu);

    /// <summary>Noise, sometimes with a valid reply or exception reply somewhere inside, cut into 1..4 reads.</summary>
    private static readonly Gen<(byte[] Bytes, int[] Cuts)> Streams =
        Gen.Select(
            Gen.Byte.Array[0, 40],
            Gen.OneOf(
                Gen.Const(Array.Empty<byte>()),
                Gen.UShort.Array[2].Select(values => ModbusRtuBus.BuildAdu(1, [3, 4, (byte)(values[0] >> 8), (byte)values[0], (byte)(values[1] >> 8), (byte)values[1]])),
                Gen.Byte[1, 11].Select(code => ModbusRtuBus.BuildAdu(1, [0x83, code])),
                Gen.Byte.Array[0, 8].Select(body => ModbusRtuBus.BuildAdu(2, [3, (byte)body.Length, .. body]))),
            Gen.Byte.Array[0, 40],
            Gen.Int[0, 90].Array[0, 3])
        .Select((before, frame, after, cuts) => ((byte[])[.. before, .. frame, .. after], cuts));

    [Fact]
    public void Rtu_AnyStreamEndsCleanly()
    {
        var frames = 0;
        Streams.Sample(sample =>
        {
            var stream = Feed(sample.Bytes, sample.Cuts);
            var reader = new RtuFrameReader(stream, TimeProvider.System, NullLogger.Instance, "prop");
            byte[] pdu;
            try
            {
                pdu = reader.ReadReplyAsync(Request, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (EndOfStreamException)
            {
                return;
            }

            // The PDU came from a CRC-valid frame of slave 1 present in the input.
            Interlocked.Increment(ref frames);
            Assert.True(ContainsFrame(sample.Bytes, [1, .. pdu]), Convert.ToHexString(sample.Bytes));
            try
            {
                var registers = ModbusReplyParser.ParseReadRegisters(pdu, ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, 0, 2), "prop", 1);
                Assert.Equal(2, registers.Length);
            }
            catch (ModbusException)
            {
                // An exception reply or a byte count that does not fit is a clear error.
            }
        },
        iter: 2000);

        // About one sample in five yields a frame (424 of 2,000 in one run), because noise often breaks the embedded
        // one; 10 leaves a wide margin for an unlucky seed while still proving the frame branch ran.
        Assert.True(frames > 10, $"only {frames} of 2000 samples produced a frame");
    }

    [Fact]
    public void Mbap_AnyStreamEndsCleanly()
    {
        Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 300].Array[0, 4]).Sample((bytes, cuts) =>
        {
            var reader = new MbapFrameReader(Feed(bytes, cuts));
            try
            {
                while (true)
                {
                    var frame = reader.ReadFrameAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    Assert.InRange(frame.Pdu.Length, 1, 253);
                }
            }
            catch (Exception exception) when (exception is EndOfStreamException or MbapFramingException)
            {
                // The end of the stream or a header that breaks the protocol: both are clear outcomes.
            }
        });
    }

    private static ScriptedStream Feed(byte[] bytes, int[] cuts)
    {
        var stream = new ScriptedStream();
        var start = 0;
        foreach (var cut in cuts.Where(cut => cut < bytes.Length).Order())
        {
            if (cut > start)
            {
                stream.Feed(bytes[start..cut]);
                start = cut;
            }
        }

        if (start < bytes.Length)
        {
            stream.Feed(bytes[start..]);
        }

        stream.CloseIncoming();
        return stream;
    }

    private static bool ContainsFrame(byte[] input, byte[] withoutCrc)
    {
        var length = withoutCrc.Length + 2;
        for (var i = 0; i + length <= input.Length; i++)
        {
            var candidate = input.AsSpan(i, length);
            if (candidate[..withoutCrc.Length].SequenceEqual(withoutCrc) && ModbusCrc.IsValid(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
