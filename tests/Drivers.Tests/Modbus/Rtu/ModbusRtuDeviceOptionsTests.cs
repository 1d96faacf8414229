using System.Globalization;
using System.IO.Ports;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

public sealed class ModbusRtuDeviceOptionsTests
{
    private static readonly ModbusPointOptions[] Points = [new() { Name = "co2" }];

    [Fact]
    public void Validate_DefaultsAreValid()
    {
        var options = new ModbusRtuDeviceOptions { DeviceId = "room201", Points = Points };
        Assert.Empty(options.Validate(new ModbusRtuBusOptions { PortName = "/dev/ttyUSB0" }));
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            var options = new ModbusRtuDeviceOptions
            {
                DeviceId = "room201",
                UnitId = 0,
                Retries = 9,
                MaxGap = -1,
                Points = [new() { Name = "alarm", Bit = 16 }, new() { Name = "co2", Deadband = -1 }],
            };
            var bus = new ModbusRtuBusOptions { PortName = "", BaudRate = 10, DataBits = 5, StopBits = StopBits.None };

            var problems = options.Validate(bus);

            Assert.Contains(problems, p => p.Contains("serial port name is missing", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("baud rate 10", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("data bits 5", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("unit id 0", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("retries 9", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("maximum gap -1", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("bit 16", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("point co2: the deadband", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Validate_ChineseText()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var options = new ModbusRtuDeviceOptions { DeviceId = "room201", UnitId = 248, Points = Points };
            var problem = Assert.Single(options.Validate(new ModbusRtuBusOptions { PortName = "/dev/ttyUSB0" }));
            Assert.Contains("从站地址 248", problem, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
