using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>
/// Behaviour of <see cref="ModbusTcpDevice"/> against a Modbus TCP server. Each derived class runs the whole suite
/// against one server: real pymodbus, and the in-process simulator.
/// </summary>
public abstract class ModbusTcpDeviceSuite : IAsyncLifetime
{
    /// <summary>Registers 0..998 exist on every peer, and 999 and above do not.</summary>
    protected const int RegisterCount = 999;

    protected const byte UnitId = 1;

    private const string DeviceId = "bldgA-2F-201-air";

    private static readonly Dictionary<ushort, ushort> Holding = new()
    {
        [0] = 900, // co2, ppm
        [1] = 0xFFC9, // temperature, -55 × 0.1 °C
        [2] = 0x077A, // humidity float32 CDAB, 77.5146 %RH
        [3] = 0x429B,
        [10] = 0x2000, // flow float32 CDAB, 123456 × 0.001
        [11] = 0x47F1,
        [20] = 0, // setpoint uint16, writable
        [21] = 0, // target float32 CDAB, writable
        [22] = 0,
        [30] = 0x454D, // model string "EM-3" padded with spaces, 3 registers
        [31] = 0x2D33,
        [32] = 0x2020,
        [40] = 0, // label string, 4 registers, writable
        [41] = 0,
        [42] = 0,
        [43] = 0,
        [998] = 5, // last register of the map
    };

    private static readonly Dictionary<ushort, ushort> Input = new()
    {
        [0] = 4321,
        [2] = 0xFFFE, // -123456 as int32 ABCD
        [3] = 0x1DC0,
    };

    private IModbusTestPeer? _peer;

    protected IModbusTestPeer Peer => _peer ?? throw new InvalidOperationException("The peer is not started.");

    public async Task InitializeAsync()
    {
        _peer = await StartPeerAsync(UnitId, Holding, Input);
    }

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Poll_PublishesDecodedValues()
    {
        await using var harness = Start(ClassroomPoints());

        var samples = await harness.NextPollAsync();

        AssertGood(samples["co2"], 900);
        AssertGood(samples["temperature"], -5.5, 1e-9);
        AssertGood(samples["humidity"], 77.5146, 1e-4);
        AssertGood(samples["flow"], 123.456, 1e-9);
        AssertGood(samples["outdoorCo2"], 4321);
        AssertGood(samples["energy"], -123456);
        Assert.Equal(new PointId(DeviceId, "co2"), samples["co2"].Point);
        Assert.Equal(harness.Time.GetUtcNow(), samples["co2"].GatewayTime);
        Assert.Equal("test-boot", samples["co2"].Monotonic.BootId);

        var online = Assert.Single(harness.Sink.Events);
        Assert.Equal(DeviceEventTypes.Online, online.Type);
        Assert.Equal(DeviceId, online.DeviceId);
        harness.Logger.AssertNoErrors();
    }

    [Fact]
    public async Task Poll_EveryPollPublishesAgain()
    {
        await using var harness = Start(ClassroomPoints());

        await harness.NextPollAsync();
        var second = await harness.NextPollAsync();

        AssertGood(second["co2"], 900);
        Assert.Equal(2 * ClassroomPoints().Length, harness.Sink.Samples.Count);
        Assert.Single(harness.Sink.Events);
    }

    [Fact]
    public async Task Poll_SeesRegisterChange()
    {
        await using var harness = Start(ClassroomPoints());
        AssertGood((await harness.NextPollAsync())["co2"], 900);

        await Peer.SetHoldingRegistersAsync(0, [1600]);

        AssertGood((await harness.NextPollAsync())["co2"], 1600);
    }

    [Fact]
    public async Task Poll_UnmappedAddressIsBad()
    {
        ModbusPointOptions[] points = [Point("co2", 0, ModbusDataType.UInt16), Point("ghost", 5000, ModbusDataType.UInt16)];
        await using var harness = Start(points);

        var first = await harness.NextPollAsync();
        var second = await harness.NextPollAsync();

        AssertGood(first["co2"], 900);
        AssertBad(first["ghost"]);
        AssertBad(second["ghost"]);

        // The device responded, so it is online. The failed read is logged once, then only at debug level.
        Assert.Equal([DeviceEventTypes.Online], harness.Sink.Events.Select(e => e.Type));
        Assert.Equal(1, harness.Logger.Count(2055));
        Assert.Equal(1, harness.Logger.Count(2056));
        Assert.Contains("illegal data address", harness.Logger.Entries.First(e => e.EventId.Id == 2055).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_MergedReadSplitsAfterIllegalAddress()
    {
        // 998 exists and 999 does not. The planner merges them, so the device rejects the whole request.
        ModbusPointOptions[] points = [Point("last", 998, ModbusDataType.UInt16), Point("beyond", 999, ModbusDataType.UInt16)];
        await using var harness = Start(points);

        var first = await harness.NextPollAsync();
        var second = await harness.NextPollAsync();

        AssertGood(first["last"], 5);
        AssertBad(first["beyond"]);
        AssertGood(second["last"], 5);
        AssertBad(second["beyond"]);
        Assert.Equal(1, harness.Logger.Count(2058));
    }

    [Fact]
    public async Task Poll_StoppedPeerIsBadThenRecovers()
    {
        await using var harness = Start(ClassroomPoints());
        AssertGood((await harness.NextPollAsync())["co2"], 900);

        await Peer.StopAsync();
        var down = await harness.NextPollAsync();
        var stillDown = await harness.NextPollAsync();

        Assert.All(down.Values, AssertBad);
        Assert.All(stillDown.Values, AssertBad);
        var offline = harness.Sink.Events[^1];
        Assert.Equal(DeviceEventTypes.Offline, offline.Type);
        Assert.False(string.IsNullOrWhiteSpace(offline.Attributes!["reason"]));
        Assert.Equal(1, harness.Logger.Count(2053));

        // An offline device is an expected outcome: its message names the cause, and a stack trace would only add noise.
        Assert.Null(harness.Logger.Entries.Single(e => e.EventId.Id == 2053).Exception);

        await Peer.StartAgainAsync();
        var up = await harness.NextPollAsync();

        AssertGood(up["co2"], 900);
        AssertGood(up["humidity"], 77.5146, 1e-4);
        Assert.Equal(
            [DeviceEventTypes.Online, DeviceEventTypes.Offline, DeviceEventTypes.Online],
            harness.Sink.Events.Select(e => e.Type));
        Assert.Equal(1, harness.Logger.Count(2054));
        harness.Logger.AssertNoErrors();
    }

    [Fact]
    public async Task Poll_OfflineBacksOffAndCounts()
    {
        await using var harness = Start(ClassroomPoints());
        await harness.NextPollAsync();
        var requestsPerPoll = harness.Device.GetCounters().Requests;

        await Peer.StopAsync();
        await harness.NextPollAsync();
        await harness.NextPollAsync();

        // Two failed polls in a row double the 1 s poll interval.
        Assert.True(
            await Eventually.WaitUntilAsync(() => harness.Logger.Entries.Any(e => e.EventId.Id == 2065), TimeSpan.FromSeconds(10)),
            "No backoff was logged.");
        Assert.Contains("next poll in 2000 ms", harness.Logger.Entries.First(e => e.EventId.Id == 2065).Message, StringComparison.Ordinal);

        var counters = harness.Device.GetCounters();
        Assert.True(requestsPerPoll >= 1);
        Assert.Equal(requestsPerPoll, counters.Responses);
        Assert.True(counters.ConnectionErrors + counters.Timeouts >= 2, $"{counters}");
    }

    [Fact]
    public async Task Poll_SilentUnitTimesOut()
    {
        await using var harness = Start(ClassroomPoints(), unitId: 9);

        var samples = await harness.NextPollWithTimeoutsAsync();

        Assert.All(samples.Values, AssertBad);
        var offline = Assert.Single(harness.Sink.Events);
        Assert.Equal(DeviceEventTypes.Offline, offline.Type);
        Assert.Contains("(unit 9)", harness.Logger.Entries.Single(e => e.EventId.Id == 2053).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Uint16()
    {
        await using var harness = Start(ClassroomPoints());

        var result = await harness.Device.WriteAsync("setpoint", PointValue.FromNumber(1234), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ushort[] { 1234 }, await Peer.GetHoldingRegistersAsync(20, 1));
    }

    [Fact]
    public async Task Write_Float32CdabScaled()
    {
        await using var harness = Start(ClassroomPoints());
        AssertGood((await harness.NextPollAsync())["target"], 0);

        var result = await harness.Device.WriteAsync("target", PointValue.FromNumber(21.5), CancellationToken.None);

        // 21.5 / 0.1 = 215.0f = 0x43570000, low word first.
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ushort[] { 0x0000, 0x4357 }, await Peer.GetHoldingRegistersAsync(21, 2));
        AssertGood((await harness.NextPollAsync())["target"], 21.5, 1e-5);
    }

    [Fact]
    public async Task Poll_StringPoint()
    {
        await using var harness = Start([TextPoint("model", 30, 3), TextPoint("swapped", 30, 2, ModbusWordOrder.BADC)]);

        var samples = await harness.NextPollAsync();

        Assert.Equal(Quality.Good, samples["model"].Quality);
        Assert.Equal(PointValue.FromText("EM-3"), samples["model"].Value);
        Assert.Equal(PointValue.FromText("ME3-"), samples["swapped"].Value);
    }

    [Fact]
    public async Task Write_StringThenPoll()
    {
        await using var harness = Start([TextPoint("label", 40, 4)]);
        Assert.Equal(PointValue.FromText(string.Empty), (await harness.NextPollAsync())["label"].Value);

        var result = await harness.Device.WriteAsync("label", PointValue.FromText("Room 201"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new ushort[] { 0x526F, 0x6F6D, 0x2032, 0x3031 }, await Peer.GetHoldingRegistersAsync(40, 4));
        Assert.Equal(PointValue.FromText("Room 201"), (await harness.NextPollAsync())["label"].Value);
    }

    [Fact]
    public async Task Write_UnmappedAddressFails()
    {
        await using var harness = Start([Point("co2", 0, ModbusDataType.UInt16), Point("ghost", 5000, ModbusDataType.UInt16)]);

        var result = await WithCultureAsync("en", () => harness.Device.WriteAsync("ghost", PointValue.FromNumber(1), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(
            "Device bldgA-2F-201-air (unit 1) rejected function 6 at address 5000: illegal data address (exception code 02).",
            result.Error);
    }

    [Fact]
    public async Task Write_StoppedPeerFails()
    {
        await using var harness = Start(ClassroomPoints());
        await harness.NextPollAsync();
        await Peer.StopAsync();

        var result = await WithCultureAsync("zh-CN", () => harness.Device.WriteAsync("setpoint", PointValue.FromNumber(1), CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Contains(DeviceId, result.Error, StringComparison.Ordinal);
        Assert.Contains("设备", result.Error, StringComparison.Ordinal);
    }

    protected abstract Task<IModbusTestPeer> StartPeerAsync(
        byte unitId,
        IReadOnlyDictionary<ushort, ushort> holding,
        IReadOnlyDictionary<ushort, ushort> input);

    private static ModbusPointOptions[] ClassroomPoints() =>
    [
        Point("co2", 0, ModbusDataType.UInt16),
        Point("temperature", 1, ModbusDataType.Int16, scale: 0.1),
        Point("humidity", 2, ModbusDataType.Float32, ModbusWordOrder.CDAB),
        Point("flow", 10, ModbusDataType.Float32, ModbusWordOrder.CDAB, scale: 0.001),
        Point("setpoint", 20, ModbusDataType.UInt16),
        Point("target", 21, ModbusDataType.Float32, ModbusWordOrder.CDAB, scale: 0.1),
        Point("outdoorCo2", 0, ModbusDataType.UInt16, kind: ModbusRegisterKind.Input),
        Point("energy", 2, ModbusDataType.Int32, kind: ModbusRegisterKind.Input),
    ];

    private static ModbusPointOptions Point(
        string name,
        ushort address,
        ModbusDataType type,
        ModbusWordOrder order = ModbusWordOrder.ABCD,
        double scale = 1,
        ModbusRegisterKind kind = ModbusRegisterKind.Holding) =>
        new() { Name = name, Address = address, Type = type, Order = order, Scale = scale, Function = kind };

    private static ModbusPointOptions TextPoint(string name, ushort address, int length, ModbusWordOrder order = ModbusWordOrder.ABCD) =>
        new() { Name = name, Address = address, Type = ModbusDataType.String, Length = length, Order = order };

    private DeviceHarness Start(ModbusPointOptions[] points, byte unitId = UnitId) =>
        new(new ModbusTcpDeviceOptions
        {
            DeviceId = DeviceId,
            Host = "127.0.0.1",
            Port = Peer.Port,
            UnitId = unitId,
            PollInterval = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(2),
            Points = points,
        });

    private static void AssertGood(Sample sample, double expected, double tolerance = 0)
    {
        Assert.Equal(Quality.Good, sample.Quality);
        Assert.Equal(PointValueKind.Number, sample.Value.Kind);
        Assert.Equal(expected, sample.Value.Number, tolerance);
    }

    private static void AssertBad(Sample sample)
    {
        Assert.Equal(Quality.Bad, sample.Quality);
        Assert.Equal(PointValue.None, sample.Value);
    }

    private static async Task<T> WithCultureAsync<T>(string culture, Func<ValueTask<T>> action)
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }
}
