using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// Two <see cref="ModbusRtuDevice"/>s on one serial line, served by one pymodbus RTU server playing units 1 and 2,
/// as two sensors share an RS485 bus, through the Linux serial stream. A third device whose unit id gets no reply must
/// not stall the other two.
/// </summary>
public sealed class RtuBusSharingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DeadTimeout = TimeSpan.FromMilliseconds(300);

    private SocatPair? _pair;
    private PymodbusRtuServer? _server;

    public async Task InitializeAsync()
    {
        _pair = await SocatPair.StartAsync(CancellationToken.None);
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions
            {
                SerialPath = _pair.PathA,
                UnitIds = [1, 2],
                HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 900, [1] = 215 },
            },
            CancellationToken.None);
        await _server.SetHoldingRegistersAsync(2, 0, [1250, 198], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoUnits_ShareOneBus_DeadUnitDoesNotStall()
    {
        var busOptions = new ModbusRtuBusOptions { PortName = _pair!.PathB, BaudRate = 9600, SerialDriver = SerialPortDriver.Linux };
        var clock = new GatewayClock(TimeProvider.System, "test-boot");
        var logger = new RecordingLogger<ModbusRtuDevice>();
        await using var bus = new ModbusRtuBus(busOptions, TimeProvider.System, logger);

        // The live devices get a timeout far above a pty round trip, because the suite asserts they never time out
        // and other test projects load the machine at the same time. The dead device keeps a short one.
        var room201 = Device("room201", 1, ModbusPollPriority.Comfort, LiveTimeout, busOptions, bus, clock, logger);
        var room202 = Device("room202", 2, ModbusPollPriority.Safety, LiveTimeout, busOptions, bus, clock, logger);
        var missing = Device("missing", 9, ModbusPollPriority.Normal, DeadTimeout, busOptions, bus, clock, logger);

        var sink = new ModbusRecordingSink();
        using var stop = new CancellationTokenSource();
        var runs = new[] { room201, room202, missing }.Select(device => device.RunAsync(sink, stop.Token)).ToArray();

        // Ten good polls of each live device, while the dead one costs a timeout per poll at first, then backs off.
        var deadline = DateTime.UtcNow + Patient;
        while (Good(sink, "room201") < 10 || Good(sink, "room202") < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {Good(sink, "room201")} and {Good(sink, "room202")} good polls arrived.");
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(runs).WaitAsync(Patient);

        var co2 = sink.Samples.Where(sample => sample.Quality == Quality.Good).ToLookup(sample => sample.Point.ToString());
        Assert.All(co2["room201.co2"], sample => Assert.Equal(900, sample.Value.Number));
        Assert.All(co2["room202.co2"], sample => Assert.Equal(1250, sample.Value.Number));
        Assert.All(co2["room202.temperature"], sample => Assert.Equal(19.8, sample.Value.Number, 9));
        Assert.DoesNotContain(sink.Samples, sample => sample.Point.Device == "missing" && sample.Quality == Quality.Good);
        Assert.Contains(sink.Events, e => e.DeviceId == "missing" && e.Type == DeviceEventTypes.Offline);

        Assert.Equal(0, room201.GetCounters().Timeouts);
        Assert.True(missing.GetCounters().Timeouts >= 1);
        Assert.Equal(0, room202.GetCounters().FramingErrors);
    }

    private static int Good(ModbusRecordingSink sink, string device) =>
        sink.Samples.Count(sample => sample.Point.Device == device && sample.Point.Point == "co2" && sample.Quality == Quality.Good);

    private static ModbusRtuDevice Device(
        string id,
        byte unitId,
        ModbusPollPriority priority,
        TimeSpan timeout,
        ModbusRtuBusOptions busOptions,
        ModbusRtuBus bus,
        GatewayClock clock,
        RecordingLogger<ModbusRtuDevice> logger)
    {
        var options = new ModbusRtuDeviceOptions
        {
            DeviceId = id,
            UnitId = unitId,
            Priority = priority,
            PollInterval = TimeSpan.FromMilliseconds(50),
            Timeout = timeout,
            Retries = 0,
            MaxBackoff = TimeSpan.FromSeconds(2),
            Points =
            [
                new ModbusPointOptions { Name = "co2", Address = 0 },
                new ModbusPointOptions { Name = "temperature", Address = 1, Scale = 0.1 },
            ],
        };
        return new ModbusRtuDevice(options, bus, busOptions, clock, logger);
    }
}
