using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary><see cref="ModbusTcpDevice.ReadPointAsync"/> against pymodbus: a decoded value, and a Modbus exception returned, not thrown.</summary>
public sealed class TcpPointReadTests
{
    [Fact]
    public async Task ReadPoint_ScaledValueAndException()
    {
        await using var server = await PymodbusServer.StartAsync(
            new PymodbusServerOptions { HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 215 } },
            CancellationToken.None);
        var clock = new GatewayClock(TimeProvider.System, "test-boot");
        await using var device = new ModbusTcpDevice(
            new ModbusTcpDeviceOptions
            {
                DeviceId = "room201",
                Host = "127.0.0.1",
                Port = server.Port,
                Timeout = TimeSpan.FromSeconds(2),
                Points =
                [
                    new ModbusPointOptions { Name = "temperature", Address = 0, Type = ModbusDataType.Int16, Scale = 0.1 },
                    new ModbusPointOptions { Name = "missing", Address = 40 },
                ],
            },
            clock,
            new RecordingLogger<ModbusTcpDevice>());

        var good = await device.ReadPointAsync("temperature", CancellationToken.None);
        var failed = await device.ReadPointAsync("missing", CancellationToken.None);

        Assert.Null(good.Error);
        Assert.Equal(Quality.Good, good.Sample.Quality);
        Assert.Equal(21.5, good.Sample.Value.Number, 6);
        Assert.Equal(new PointId("room201", "temperature"), good.Sample.Point);
        Assert.Equal(Quality.Bad, failed.Sample.Quality);
        var exception = Assert.IsType<ModbusExceptionResponseException>(failed.Error);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Contains("exception code 02", exception.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => device.ReadPointAsync("nowhere", CancellationToken.None));
    }
}
