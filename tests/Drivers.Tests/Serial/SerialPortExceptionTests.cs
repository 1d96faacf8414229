using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Tests.Serial;

/// <summary>The operator text of each serial port error, in en and zh-CN, for errnos the tests cannot produce.</summary>
public sealed class SerialPortExceptionTests
{
    private const string Port = "/dev/ttyUSB0";

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static TheoryData<int, string, string> Errnos => new()
    {
        { 2, "does not exist", "不存在" }, // ENOENT
        { 6, "does not exist", "不存在" }, // ENXIO: a device node without its device
        { 13, "dialout", "dialout" }, // EACCES: the tests run as root, which open(2) lets through
        { 16, "in use", "占用" }, // EBUSY
        { 25, "is not a serial port", "不是串口" }, // ENOTTY
        { 22, "open failed with errno 22", "errno 22" }, // EINVAL: no specific text
    };

    [Theory]
    [MemberData(nameof(Errnos))]
    public void FromErrno_NamesPortAndFix(int errno, string english, string chinese)
    {
        var error = SerialPortException.FromErrno(Port, "open", errno);

        Assert.Equal(errno, error.Errno);
        Assert.Contains(Port, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(english, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(Port, error.GetMessage(Chinese), StringComparison.Ordinal);
        Assert.Contains(chinese, error.GetMessage(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void OtherErrors_HaveTextInBothCultures()
    {
        SerialPortException[] errors = [SerialPortException.HungUp(Port), SerialPortException.BaudRateUnsupported(Port, 12345)];

        foreach (var error in errors)
        {
            Assert.Contains(Port, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Contains("串口", error.GetMessage(Chinese), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConnectionError_CarriesCauseInItsCulture()
    {
        var error = new ModbusConnectionException(
            "meter-1", 1, ModbusFunctionCode.ReadHoldingRegisters, 0, Port, connected: false, SerialPortException.FromErrno(Port, "open", 13), serial: true);

        Assert.Contains("usermod -aG dialout", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("没有权限", error.GetMessage(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionError_GivesOneFix()
    {
        var error = new ModbusConnectionException(
            "th-1", 2, ModbusFunctionCode.ReadInputRegisters, 1, Port, connected: false, SerialPortException.FromErrno(Port, "open", 2), serial: true);

        var chinese = error.GetMessage(Chinese);

        Assert.Equal("无法为设备 th-1 打开串口：串口 /dev/ttyUSB0 不存在。请检查转换器是否插好，以及配置中的路径或 udev 链接是否正确。", chinese);
        Assert.Equal(1, chinese.Split("请检查").Length - 1);
        Assert.StartsWith("Cannot open the serial port of device th-1: Serial port /dev/ttyUSB0 does not exist.", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, SerialPortFault.NotFound)]
    [InlineData(13, SerialPortFault.AccessDenied)]
    [InlineData(11, SerialPortFault.Busy)]
    [InlineData(25, SerialPortFault.NotSerialPort)]
    [InlineData(22, SerialPortFault.CallFailed)]
    public void FromErrno_SetsFault(int errno, SerialPortFault fault)
    {
        Assert.Equal(fault, SerialPortException.FromErrno(Port, "open", errno).Fault);
    }
}
