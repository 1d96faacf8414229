using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// Point features of <see cref="ModbusRtuDevice"/> against pymodbus's RTU server on a pseudo-terminal pair: coils,
/// discrete inputs, bits of a register, block writes, separate write order, read-back and report-on-change.
/// </summary>
public sealed class RtuDevicePointTests : IAsyncLifetime
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(20);

    private SocatPair? _pair;
    private PymodbusRtuServer? _server;
    private ModbusRtuBus? _bus;
    private ModbusRtuBusOptions? _busOptions;

    public async Task InitializeAsync()
    {
        _pair = await SocatPair.StartAsync(CancellationToken.None);
        _server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions
            {
                SerialPath = _pair.PathA,
                HoldingRegisters = new Dictionary<ushort, ushort> { [0] = 0b0010_0100, [1] = 900, [2] = 0, [3] = 0, [4] = 0 },
                Coils = new Dictionary<ushort, bool> { [0] = true, [1] = false, [2] = false, [3] = true },
                DiscreteInputs = new Dictionary<ushort, bool> { [0] = false, [1] = true },
            },
            CancellationToken.None);
        _busOptions = new ModbusRtuBusOptions { PortName = _pair.PathB, BaudRate = 19200 };
        _bus = new ModbusRtuBus(_busOptions, TimeProvider.System, new RecordingLogger<ModbusRtuBus>());
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }

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
    public async Task BoolPoints_Decoded()
    {
        ModbusPointOptions[] points =
        [
            new() { Name = "pump", Function = ModbusRegisterKind.Coil, Address = 0 },
            new() { Name = "valve", Function = ModbusRegisterKind.Coil, Address = 1 },
            new() { Name = "fan", Function = ModbusRegisterKind.Coil, Address = 3 },
            new() { Name = "leak", Function = ModbusRegisterKind.DiscreteInput, Address = 1 },
            new() { Name = "door", Function = ModbusRegisterKind.DiscreteInput, Address = 0 },
            new() { Name = "alarmBit2", Address = 0, Bit = 2 },
            new() { Name = "alarmBit3", Address = 0, Bit = 3 },
            new() { Name = "alarmBit5", Address = 0, Bit = 5 },
        ];
        var (device, sink, stop, run) = Start(points, pollInterval: TimeSpan.FromHours(1));

        await WaitAsync(() => sink.Samples.Count >= points.Length);
        await stop.CancelAsync();
        await run.WaitAsync(Patient);

        var first = sink.Samples.Take(points.Length).ToDictionary(sample => sample.Point.Point);
        Assert.True(first["pump"].Value.Boolean);
        Assert.False(first["valve"].Value.Boolean);
        Assert.True(first["fan"].Value.Boolean);
        Assert.True(first["leak"].Value.Boolean);
        Assert.False(first["door"].Value.Boolean);
        Assert.True(first["alarmBit2"].Value.Boolean);
        Assert.False(first["alarmBit3"].Value.Boolean);
        Assert.True(first["alarmBit5"].Value.Boolean);
        Assert.All(first.Values, sample => Assert.Equal(PointValueKind.Boolean, sample.Value.Kind));

        // One poll, three requests: holding register 0 for the three bits, coils 0..3 (the gap at 2 is bridged),
        // discrete inputs 0..1.
        Assert.Equal(3, device.GetCounters().Requests);
    }

    [Fact]
    public async Task Writes_CoilsAndRegisters_VerifiedByReadBack()
    {
        ModbusPointOptions[] points =
        [
            new() { Name = "valve", Function = ModbusRegisterKind.Coil, Address = 1, VerifyWrite = true },
            new() { Name = "fan", Function = ModbusRegisterKind.Coil, Address = 2, WriteMode = ModbusWriteMode.Multiple },
            new() { Name = "setpoint", Address = 1, WriteMode = ModbusWriteMode.Multiple, VerifyWrite = true },
            new() { Name = "target", Address = 2, Type = ModbusDataType.Float32, Order = ModbusWordOrder.ABCD, WriteOrder = ModbusWordOrder.CDAB },
            new() { Name = "alarmBit2", Address = 0, Bit = 2 },
        ];
        var (device, _, stop, run) = Start(points, pollInterval: TimeSpan.FromHours(1));

        Assert.True((await device.WriteAsync("valve", PointValue.FromBoolean(true), Token())).Succeeded);
        Assert.True((await device.WriteAsync("fan", PointValue.FromBoolean(true), Token())).Succeeded);
        Assert.True((await device.WriteAsync("setpoint", PointValue.FromNumber(1234), Token())).Succeeded);
        Assert.True((await device.WriteAsync("target", PointValue.FromNumber(21.5), Token())).Succeeded);
        Assert.False((await device.WriteAsync("alarmBit2", PointValue.FromBoolean(false), Token())).Succeeded);

        var coils = await _server!.GetBitsAsync(1, "co", 0, 4, Token());
        Assert.Equal(new[] { true, true, true, true }, coils);
        Assert.Equal([1234], await _server.GetHoldingRegistersAsync(1, 1, 1, Token()));

        // 21.5f is 0x41AC0000. Written CDAB, the low word comes first on the device.
        Assert.Equal([0x0000, 0x41AC], await _server.GetHoldingRegistersAsync(1, 2, 2, Token()));

        await stop.CancelAsync();
        await run.WaitAsync(Patient);
    }

    [Fact]
    public async Task ReportOnChange_HonoursDeadband()
    {
        ModbusPointOptions[] points =
        [
            new() { Name = "tick", Address = 0 },
            new() { Name = "co2", Address = 1, ReportOnChange = true, Deadband = 50 },
        ];
        var (_, sink, stop, run) = Start(points);

        await WaitAsync(() => Count(sink, "tick") >= 3);
        await _server!.SetHoldingRegistersAsync(1, 1, [920], Token());
        var ticks = Count(sink, "tick");
        await WaitAsync(() => Count(sink, "tick") >= ticks + 3);
        Assert.Equal(1, Count(sink, "co2"));

        await _server.SetHoldingRegistersAsync(1, 1, [1000], Token());
        await WaitAsync(() => Count(sink, "co2") >= 2);
        await stop.CancelAsync();
        await run.WaitAsync(Patient);

        var co2 = sink.Samples.Where(sample => sample.Point.Point == "co2").Select(sample => sample.Value.Number).ToList();
        Assert.Equal([900, 1000], co2);
    }

    private static int Count(ModbusRecordingSink sink, string point) => sink.Samples.Count(sample => sample.Point.Point == point);

    private static CancellationToken Token() => new CancellationTokenSource(Patient).Token;

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patient;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(20);
        }
    }

    private (ModbusRtuDevice Device, ModbusRecordingSink Sink, CancellationTokenSource Stop, Task Run) Start(
        ModbusPointOptions[] points,
        TimeSpan? pollInterval = null)
    {
        var options = new ModbusRtuDeviceOptions
        {
            MaxGap = 1,
            DeviceId = "room201",
            UnitId = 1,
            PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(1),
            Points = points,
        };
        var device = new ModbusRtuDevice(options, _bus!, _busOptions!, new GatewayClock(TimeProvider.System, "test-boot"), new RecordingLogger<ModbusRtuDevice>());
        var sink = new ModbusRecordingSink();
        var stop = new CancellationTokenSource();
        return (device, sink, stop, device.RunAsync(sink, stop.Token));
    }
}
