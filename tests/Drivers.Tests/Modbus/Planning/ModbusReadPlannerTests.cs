using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Planning;

public class ModbusReadPlannerTests
{
    [Fact]
    public void Plan_MergesAdjacentPoints()
    {
        var points = new[]
        {
            Point("co2", 0, ModbusDataType.UInt16),
            Point("temperature", 1, ModbusDataType.Int16),
            Point("humidity", 2, ModbusDataType.Float32),
        };

        var block = Assert.Single(ModbusReadPlanner.Plan(points, 125));

        Assert.Equal(ModbusRegisterKind.Holding, block.Kind);
        Assert.Equal(0, block.Address);
        Assert.Equal(4, block.Quantity);
        Assert.Equal(["co2", "temperature", "humidity"], block.Points.Select(point => point.Name));
        Assert.Equal(2, block.OffsetOf(points[2]));
    }

    [Fact]
    public void Plan_SeparatesFunctions()
    {
        var points = new[]
        {
            Point("input", 0, ModbusDataType.UInt16, ModbusRegisterKind.Input),
            Point("holding", 0, ModbusDataType.UInt16),
        };

        var blocks = ModbusReadPlanner.Plan(points, 125);

        Assert.Equal(2, blocks.Count);
        Assert.Equal(ModbusRegisterKind.Holding, blocks[0].Kind);
        Assert.Equal(ModbusRegisterKind.Input, blocks[1].Kind);
    }

    [Fact]
    public void Plan_GapStartsNewRequest()
    {
        var points = new[]
        {
            Point("a", 0, ModbusDataType.UInt16),
            Point("b", 2, ModbusDataType.UInt16),
        };

        var blocks = ModbusReadPlanner.Plan(points, 125);

        Assert.Equal(2, blocks.Count);
        Assert.Equal((0, 1), (blocks[0].Address, blocks[0].Quantity));
        Assert.Equal((2, 1), (blocks[1].Address, blocks[1].Quantity));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    public void Plan_BridgesGapsUpToMax(int maxGap, int expectedRequests)
    {
        var points = new[]
        {
            Point("a", 0, ModbusDataType.UInt16),
            Point("b", 2, ModbusDataType.Float32), // gap of 1 before it
            Point("c", 7, ModbusDataType.UInt16), // gap of 3 before it
        };

        var blocks = ModbusReadPlanner.Plan(points, 125, maxGap);

        Assert.Equal(expectedRequests, blocks.Count);
        AssertEveryPointInside(blocks);
    }

    [Fact]
    public void Plan_BitTablesUse2000Limit()
    {
        var points = Enumerable.Range(0, 2001)
            .Select(i => Point("c" + i, (ushort)i, ModbusDataType.UInt16, ModbusRegisterKind.Coil))
            .ToArray();

        var blocks = ModbusReadPlanner.Plan(points, 10);

        Assert.Equal(2, blocks.Count);
        Assert.Equal((0, 2000), (blocks[0].Address, blocks[0].Quantity));
        Assert.Equal((2000, 1), (blocks[1].Address, blocks[1].Quantity));
    }

    [Fact]
    public void Plan_BitTablesUseDeviceBitLimit()
    {
        var points = Enumerable.Range(0, 10)
            .Select(i => Point("d" + i, (ushort)i, ModbusDataType.UInt16, ModbusRegisterKind.DiscreteInput))
            .ToArray();

        var blocks = ModbusReadPlanner.Plan(points, 125, maxGap: 0, maxBitsPerRequest: 4);

        Assert.Equal([(0, 4), (4, 4), (8, 2)], blocks.Select(block => ((int)block.Address, (int)block.Quantity)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2001)]
    public void Plan_BitLimitOutOfRangeThrows(int maxBits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusReadPlanner.Plan([], 125, 0, maxBits));

    [Fact]
    public void Plan_UnorderedInputSorted()
    {
        var points = new[]
        {
            Point("c", 4, ModbusDataType.Float32),
            Point("a", 0, ModbusDataType.Float32),
            Point("b", 2, ModbusDataType.Float32),
        };

        var block = Assert.Single(ModbusReadPlanner.Plan(points, 125));

        Assert.Equal(6, block.Quantity);
        Assert.Equal(["a", "b", "c"], block.Points.Select(point => point.Name));
    }

    [Fact]
    public void Plan_OverlappingPointsShareRequest()
    {
        // A 32-bit counter and its low word read as a separate 16-bit point.
        var points = new[]
        {
            Point("counter", 10, ModbusDataType.UInt32),
            Point("counterLow", 11, ModbusDataType.UInt16),
        };

        var block = Assert.Single(ModbusReadPlanner.Plan(points, 125));

        Assert.Equal((10, 2), (block.Address, block.Quantity));
    }

    [Theory]
    [InlineData(129)]
    [InlineData(192)]
    public void Plan_NeverExceeds125(int registers)
    {
        var points = Enumerable.Range(0, registers).Select(i => Point($"p{i}", (ushort)i, ModbusDataType.UInt16)).ToList();

        var blocks = ModbusReadPlanner.Plan(points, 125);

        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, block => Assert.InRange(block.Quantity, 1, 125));
        Assert.Equal(registers, blocks.Sum(block => block.Quantity));
        Assert.Equal(registers, blocks.Sum(block => block.Points.Count));
    }

    [Fact]
    public void Plan_NeverSplitsAValue()
    {
        // 64 float32 values = 128 registers; the 63rd value sits at 124..125 and must move whole to the next request.
        var points = Enumerable.Range(0, 64).Select(i => Point($"f{i}", (ushort)(2 * i), ModbusDataType.Float32)).ToList();

        var blocks = ModbusReadPlanner.Plan(points, 125);

        Assert.Equal(2, blocks.Count);
        Assert.Equal((0, 124), (blocks[0].Address, blocks[0].Quantity));
        Assert.Equal((124, 4), (blocks[1].Address, blocks[1].Quantity));
        AssertEveryPointInside(blocks);
    }

    [Fact]
    public void Plan_HonoursDeviceLimit()
    {
        var points = Enumerable.Range(0, 30).Select(i => Point($"d{i}", (ushort)(4 * i), ModbusDataType.Float64)).ToList();

        var blocks = ModbusReadPlanner.Plan(points, 50);

        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, block => Assert.True(block.Quantity <= 50, $"{block.Quantity} registers"));
        Assert.Equal([48, 48, 24], blocks.Select(block => (int)block.Quantity));
        AssertEveryPointInside(blocks);
    }

    [Fact]
    public void Plan_PointLargerThanLimitThrows()
    {
        var points = new[] { Point("energy", 0, ModbusDataType.Float64) };

        Assert.Throws<ArgumentException>(() => ModbusReadPlanner.Plan(points, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public void Plan_LimitOutsideProtocolThrows(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusReadPlanner.Plan([Point("a", 0, ModbusDataType.UInt16)], limit));
    }

    [Fact]
    public void Plan_Empty()
    {
        Assert.Empty(ModbusReadPlanner.Plan([], 125));
    }

    private static void AssertEveryPointInside(IReadOnlyList<ModbusReadBlock> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var point in block.Points)
            {
                Assert.True(point.Address >= block.Address, point.Name);
                Assert.True(point.Address + point.RegisterCount <= block.Address + block.Quantity, point.Name);
            }
        }
    }

    private static ModbusPointOptions Point(
        string name,
        ushort address,
        ModbusDataType type,
        ModbusRegisterKind function = ModbusRegisterKind.Holding) =>
        new() { Name = name, Address = address, Type = type, Function = function };
}
