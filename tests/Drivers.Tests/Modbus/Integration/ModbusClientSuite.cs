using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>
/// One behaviour suite for every transport: each derived class gives an <see cref="IModbusClient"/> talking to a real
/// pymodbus server over TCP, RTU on a pseudo-terminal pair, or RTU over TCP. Registers 0..19 exist, 20 and up do not.
/// </summary>
public abstract class ModbusClientSuite : IAsyncLifetime
{
    protected const byte UnitId = 1;

    protected static readonly Dictionary<ushort, ushort> Holding = Enumerable.Range(0, 20)
        .ToDictionary(i => (ushort)i, i => (ushort)(1000 + i));

    protected static readonly Dictionary<ushort, ushort> Input = new() { [0] = 4321, [1] = 0xFFFE };

    /// <summary>
    /// Identification objects 0..6 of 341 bytes in all. A reply PDU holds at most 246 bytes of objects, so pymodbus
    /// sends objects 0..4 (157 bytes) with "more follows" and next object 5, then objects 5 and 6.
    /// </summary>
    protected static readonly Dictionary<byte, string> Identity = new()
    {
        [0] = "SmartCampus Test",
        [1] = "SC-PEER-1",
        [2] = "3.0.0",
        [3] = "http://example.invalid/peer",
        [4] = new string('P', 90),
        [5] = new string('M', 90),
        [6] = new string('A', 90),
    };

    private IModbusClient? _client;

    protected IModbusClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _client = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await StopAsync();
    }

    [Fact]
    public async Task ReadHolding_Block()
    {
        var registers = await Client.ReadHoldingRegistersAsync(UnitId, 0, 10, Token());
        Assert.Equal(Enumerable.Range(1000, 10).Select(i => (ushort)i), registers);
    }

    [Fact]
    public async Task ReadInput_Block()
    {
        Assert.Equal([4321, 0xFFFE], await Client.ReadInputRegistersAsync(UnitId, 0, 2, Token()));
    }

    [Fact]
    public async Task WriteSingle_ThenReadBack()
    {
        await Client.WriteSingleRegisterAsync(UnitId, 5, 0xBEEF, Token());
        Assert.Equal([0xBEEF], await Client.ReadHoldingRegistersAsync(UnitId, 5, 1, Token()));
        Assert.Equal([0xBEEF], await GetHoldingAsync(5, 1));
    }

    [Fact]
    public async Task WriteMultiple_ThenReadBack()
    {
        ushort[] values = [1, 2, 3, 4];
        await Client.WriteMultipleRegistersAsync(UnitId, 10, values, Token());
        Assert.Equal(values, await GetHoldingAsync(10, 4));
    }

    [Fact]
    public async Task ReadWrite_WritesBeforeReading()
    {
        // The read block 6..9 overlaps the written block 8..9, and the device writes first (§6.17).
        var registers = await Client.ReadWriteMultipleRegistersAsync(UnitId, 6, 4, 8, new ushort[] { 0xA1, 0xB2 }, Token());

        Assert.Equal([1006, 1007, 0xA1, 0xB2], registers);
        Assert.Equal([0xA1, 0xB2], await GetHoldingAsync(8, 2));
    }

    [Fact]
    public async Task ReadWrite_PastMapIsIllegalDataAddress()
    {
        var error = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Client.ReadWriteMultipleRegistersAsync(UnitId, 15, 10, 0, new ushort[] { 1 }, Token()));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.Code);
        Assert.Equal(ModbusFunctionCode.ReadWriteMultipleRegisters, error.Function);
    }

    [Fact]
    public async Task ReadPastMap_IsIllegalDataAddress()
    {
        var error = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Client.ReadHoldingRegistersAsync(UnitId, 15, 10, Token()));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.Code);

        // The link stays usable after an exception response.
        Assert.Equal([1015], await Client.ReadHoldingRegistersAsync(UnitId, 15, 1, Token()));
    }

    [Fact]
    public async Task ServerChange_IsSeen()
    {
        await SetHoldingAsync(3, [77]);
        Assert.Equal([77], await Client.ReadHoldingRegistersAsync(UnitId, 3, 1, Token()));
    }

    [Fact]
    public async Task ManySequentialReads_AllMatch()
    {
        for (ushort i = 0; i < 50; i++)
        {
            var address = (ushort)(i % 20);
            Assert.Equal([(ushort)(1000 + address)], await Client.ReadHoldingRegistersAsync(UnitId, address, 1, Token()));
        }
    }

    [Fact]
    public async Task ConcurrentCallers_QueueOnOneLink()
    {
        var reads = Enumerable.Range(0, 20)
            .Select(i => Client.ReadHoldingRegistersAsync(UnitId, (ushort)i, 1, Token()))
            .ToArray();
        var results = await Task.WhenAll(reads);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal([(ushort)(1000 + i)], results[i]);
        }
    }

    [Fact]
    public async Task UnknownUnit_TimesOut()
    {
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => Client.ReadHoldingRegistersAsync(99, 0, 1, Token()));

        // The next request to the real unit still gets its own reply.
        Assert.Equal([1000], await Client.ReadHoldingRegistersAsync(UnitId, 0, 1, Token()));
    }

    [Fact]
    public async Task DeviceId_Basic()
    {
        var identification = await ModbusDeviceIdentification.ReadAsync(Client, "peer", UnitId, ModbusDeviceIdReadCode.Basic, Token());

        Assert.Equal(Identity[0], identification.VendorName);
        Assert.Equal(Identity[1], identification.ProductCode);
        Assert.Equal(Identity[2], identification.MajorMinorRevision);
        Assert.Equal([0, 1, 2], identification.Objects.Select(item => (int)item.Id));
    }

    [Fact]
    public async Task DeviceId_RegularSplitsWithMoreFollows()
    {
        var first = await Client.ReadDeviceIdentificationAsync(UnitId, ModbusDeviceIdReadCode.Regular, 0, Token());

        Assert.True(first.MoreFollows);
        Assert.Equal(5, first.NextObjectId);
        Assert.Equal([0, 1, 2, 3, 4], first.Objects.Select(item => (int)item.Id));
    }

    [Fact]
    public async Task DeviceId_RegularFollowsContinuation()
    {
        var identification = await ModbusDeviceIdentification.ReadAsync(Client, "peer", UnitId, ModbusDeviceIdReadCode.Regular, Token());

        Assert.Equal(Identity.Keys.Select(id => (int)id), identification.Objects.Select(item => (int)item.Id));
        foreach (var (id, text) in Identity)
        {
            Assert.Equal(text, identification.TextOf(id));
        }
    }

    [Fact]
    public async Task DeviceId_Individual()
    {
        var identification = await ModbusDeviceIdentification.ReadAsync(
            Client, "peer", UnitId, ModbusDeviceIdReadCode.Individual, Token(), firstObjectId: 5);

        Assert.Equal(Identity[5], identification.ModelName);
        Assert.Single(identification.Objects);
    }

    protected static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    /// <summary>Starts the peer with <see cref="Holding"/> and <see cref="Input"/> for unit 1 and returns a client with a 1.5 s timeout (the test machine is shared and loaded).</summary>
    protected abstract Task<IModbusClient> StartAsync();

    protected abstract Task StopAsync();

    protected abstract Task SetHoldingAsync(ushort address, ushort[] values);

    protected abstract Task<ushort[]> GetHoldingAsync(ushort address, int count);
}
