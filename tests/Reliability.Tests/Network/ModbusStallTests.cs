using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A real Modbus TCP device (pymodbus) behind a proxy that stalls replies mid-frame: the read must end with a
/// timeout within the configured deadline. When the stalled tail arrives late, the next read must return the right
/// values (the late reply is recognised by its transaction id). When the tail is lost, at most one read may fail
/// (protocol error or timeout) before reads succeed again.
/// </summary>
public sealed class ModbusStallTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public Task MidFrameStall_LateTail_NextReadCorrect() => RunAsync(dropTail: false);

    [Fact]
    public Task MidFrameStall_LostTail_RecoversAfterOneError() => RunAsync(dropTail: true);

    private static async Task RunAsync(bool dropTail)
    {
        await using var device = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { Port = LoopbackPort.Free(), HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 812, [1] = 235, [2] = 41 } },
            CancellationToken.None);
        await using var proxy = new StallingProxy(device.Port) { DropTail = dropTail };
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions { DeviceId = "stall-test", Host = "127.0.0.1", Port = proxy.Port, Timeout = Timeout }, TimeProvider.System, NullLogger.Instance);

        Assert.Equal([812, 235, 41], await client.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None));

        for (var stall = 0; stall < 3; stall++)
        {
            proxy.Stall = true;
            var started = TimeProvider.System.GetTimestamp();
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => client.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None));
            var waited = TimeProvider.System.GetElapsedTime(started);
            Assert.True(waited < Timeout + TimeSpan.FromSeconds(2), $"The stalled read took {waited.TotalMilliseconds:F0} ms with a {Timeout.TotalMilliseconds:F0} ms timeout.");

            proxy.Stall = false;
            if (dropTail)
            {
                // The device's next reply lands behind the lost frame's head. The reader then sees a broken header
                // (protocol error) or a length that never completes (timeout), and only this one read fails.
                var first = await Record.ExceptionAsync(() => client.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None));
                if (first is not null)
                {
                    Assert.IsAssignableFrom<ModbusException>(first);
                }
            }

            Assert.Equal([812, 235, 41], await client.ReadHoldingRegistersAsync(1, 0, 3, CancellationToken.None));
        }
    }
}
