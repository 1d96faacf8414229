using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Tcp;

public class ModbusTcpDeviceOptionsTests
{
    [Fact]
    public void Validate_ValidOptions()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var options = new ModbusTcpDeviceOptions
        {
            DeviceId = "room.201",
            Host = " ",
            Port = 0,
            PollInterval = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(-1),
            MaxRegistersPerRequest = 126,
            MaxGap = 126,
            Points =
            [
                new ModbusPointOptions { Name = "co2", Address = 0 },
                new ModbusPointOptions { Name = "co2", Address = 1 },
                new ModbusPointOptions { Name = "", Address = 2 },
                new ModbusPointOptions { Name = "tail", Address = 65535, Type = ModbusDataType.Float32 },
                new ModbusPointOptions { Name = "scale", Scale = 0 },
                new ModbusPointOptions { Name = "offset", Offset = double.NaN },
                new ModbusPointOptions { Name = "type", Type = (ModbusDataType)99 },
            ],
        };

        var problems = WithCulture("en", options.Validate);

        Assert.Contains("Device id 'room.201' must not contain a dot, because point ids are written device.point.", problems);
        Assert.Contains("Device room.201: the host is missing.", problems);
        Assert.Contains("Device room.201: port 0 is outside 1..65535.", problems);
        Assert.Contains("Device room.201: the poll interval must be greater than zero.", problems);
        Assert.Contains("Device room.201: the timeout must be greater than zero.", problems);
        Assert.Contains("Device room.201: max registers per request 126 is outside 1..125.", problems);
        Assert.Contains("Device room.201: the maximum gap 126 is outside 0..125.", problems);
        Assert.Contains("Device room.201: point name co2 is used more than once.", problems);
        Assert.Contains("Device room.201: point number 3 has no name.", problems);
        Assert.Contains("Point room.201.tail: address 65535 plus 2 registers runs past the last address 65535.", problems);
        Assert.Contains("Point room.201.scale: the scale must be a finite number other than 0.", problems);
        Assert.Contains("Point room.201.offset: the offset must be a finite number.", problems);
        Assert.Contains("Point room.201.type: '99' is not a valid ModbusDataType.", problems);
        Assert.Equal(13, problems.Count);
    }

    [Fact]
    public void Validate_StringPoints()
    {
        var options = new ModbusTcpDeviceOptions
        {
            DeviceId = "meter",
            Host = "127.0.0.1",
            Points =
            [
                new ModbusPointOptions { Name = "serial", Type = ModbusDataType.String, Length = 8 },
                new ModbusPointOptions { Name = "swapped", Address = 10, Type = ModbusDataType.String, Length = 4, Order = ModbusWordOrder.BADC },
                new ModbusPointOptions { Name = "empty", Type = ModbusDataType.String },
                new ModbusPointOptions { Name = "huge", Type = ModbusDataType.String, Length = 126 },
                new ModbusPointOptions { Name = "words", Type = ModbusDataType.String, Length = 2, Order = ModbusWordOrder.CDAB },
                new ModbusPointOptions { Name = "writeWords", Type = ModbusDataType.String, Length = 2, WriteOrder = ModbusWordOrder.DCBA },
                new ModbusPointOptions { Name = "tail", Address = 65534, Type = ModbusDataType.String, Length = 4 },
            ],
        };

        var problems = WithCulture("en", options.Validate);

        Assert.Contains("Device meter, point empty: a string needs a length of 1 to 125 registers, got 0. Set length to the registers the text occupies, two characters each.", problems);
        Assert.Contains("Device meter, point huge: a string needs a length of 1 to 125 registers, got 126. Set length to the registers the text occupies, two characters each.", problems);
        Assert.Contains("Device meter, point words: a string takes byte order ABCD (first character in the high byte) or BADC (in the low byte), not CDAB.", problems);
        Assert.Contains("Device meter, point writeWords: a string takes byte order ABCD (first character in the high byte) or BADC (in the low byte), not DCBA.", problems);
        Assert.Contains("Point meter.tail: address 65534 plus 4 registers runs past the last address 65535.", problems);
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Validate_ChineseText()
    {
        var options = new ModbusTcpDeviceOptions { DeviceId = "air", Host = "127.0.0.1", Points = [] };

        var problems = WithCulture("zh-CN", options.Validate);

        Assert.Equal(["设备 air 没有配置点位。"], problems);
    }

    [Fact]
    public void Validate_PointLargerThanDeviceLimit()
    {
        var options = new ModbusTcpDeviceOptions
        {
            DeviceId = "meter",
            Host = "127.0.0.1",
            MaxRegistersPerRequest = 2,
            Points = [new ModbusPointOptions { Name = "energy", Type = ModbusDataType.Float64 }],
        };

        var problem = Assert.Single(WithCulture("en", options.Validate));

        Assert.Equal("Point meter.energy: its 4 registers do not fit in one request of at most 2 registers.", problem);
    }

    [Fact]
    public void Constructor_InvalidOptionsThrow()
    {
        var options = new ModbusTcpDeviceOptions { DeviceId = "air", Host = "", Points = [] };
        var clock = new GatewayClock(new FakeTimeProvider(), "boot");

        var exception = Assert.Throws<ArgumentException>(() => new ModbusTcpDevice(options, clock, new RecordingLogger<ModbusTcpDevice>()));

        Assert.Contains("air", exception.Message, StringComparison.Ordinal);
    }

    private static ModbusTcpDeviceOptions Valid() => new()
    {
        DeviceId = "bldgA-2F-201-air",
        Host = "127.0.0.1",
        Points = [new ModbusPointOptions { Name = "co2", Address = 0 }],
    };

    private static IReadOnlyList<string> WithCulture(string name, Func<IReadOnlyList<string>> action)
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }
}
