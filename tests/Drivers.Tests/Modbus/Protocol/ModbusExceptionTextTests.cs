using System.Globalization;
using System.Net.Sockets;
using SmartCampus.Edge.Drivers.Modbus;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

public class ModbusExceptionTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [InlineData(0x01, "illegal function", "非法功能")]
    [InlineData(0x02, "illegal data address", "非法数据地址")]
    [InlineData(0x03, "illegal data value", "非法数据值")]
    [InlineData(0x04, "server device failure", "从站设备故障")]
    [InlineData(0x05, "acknowledge", "确认")]
    [InlineData(0x06, "server device busy", "从站设备忙")]
    [InlineData(0x07, "negative acknowledge", "否定确认")]
    [InlineData(0x08, "memory parity error", "存储奇偶性差错")]
    [InlineData(0x09, "unknown exception code", "未知异常码")]
    [InlineData(0x0A, "gateway path unavailable", "网关路径不可用")]
    [InlineData(0x0B, "gateway target device failed to respond", "网关目标设备未响应")]
    public void Message_NamesCodeInBothCultures(int code, string english, string chinese)
    {
        var exception = Reject((ModbusExceptionCode)code);
        var hex = code.ToString("X2", CultureInfo.InvariantCulture);

        var en = exception.GetMessage(English);
        var zh = exception.GetMessage(Chinese);

        Assert.Contains(english, en, StringComparison.Ordinal);
        Assert.Contains($"(exception code {hex})", en, StringComparison.Ordinal);
        Assert.StartsWith("Device bldgA-2F-201-air (unit 2) rejected function 3 at address 4000: ", en, StringComparison.Ordinal);
        Assert.Contains(chinese, zh, StringComparison.Ordinal);
        Assert.Contains($"异常码 {hex}", zh, StringComparison.Ordinal);
        Assert.StartsWith("设备 bldgA-2F-201-air（从站地址 2）拒绝了功能码 3 的请求（起始地址 4000）：", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_EnglishSentence()
    {
        var message = Reject(ModbusExceptionCode.IllegalFunction).GetMessage(English);

        Assert.Equal(
            "Device bldgA-2F-201-air (unit 2) rejected function 3 at address 4000: illegal function (exception code 01).",
            message);
    }

    [Fact]
    public void Message_ChineseSentence()
    {
        var message = Reject(ModbusExceptionCode.IllegalFunction).GetMessage(Chinese);

        Assert.Equal("设备 bldgA-2F-201-air（从站地址 2）拒绝了功能码 3 的请求（起始地址 4000）：非法功能（异常码 01）。", message);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "the connection was refused", "连接被拒绝")]
    [InlineData(SocketError.TimedOut, "the connection timed out", "连接超时")]
    [InlineData(SocketError.HostUnreachable, "no route to the host", "没有通往该主机的路由")]
    [InlineData(SocketError.NetworkUnreachable, "no route to the host", "没有通往该主机的路由")]
    [InlineData(SocketError.HostNotFound, "the host name cannot be resolved", "无法解析该主机名")]
    [InlineData(SocketError.TryAgain, "the host name cannot be resolved", "无法解析该主机名")]
    public void ConnectFailed_SocketErrorNamesEndpointAndFix(SocketError error, string english, string chinese)
    {
        var exception = ConnectFailed(new SocketException((int)error));

        var en = exception.GetMessage(English);
        var zh = exception.GetMessage(Chinese);

        Assert.StartsWith("Cannot connect to device meter at plc-1.school.lan:502: " + english, en, StringComparison.Ordinal);
        Assert.Contains("Check ", en, StringComparison.Ordinal);
        Assert.StartsWith("无法连接设备 meter（plc-1.school.lan:502）：" + chinese, zh, StringComparison.Ordinal);
        Assert.Contains("请检查", zh, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{5,} [a-z]{4,}", zh.Replace("Modbus TCP", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectionLost_ResetCauseInChinese()
    {
        var reset = new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset));
        var exception = new ModbusConnectionException("meter", 1, ModbusFunctionCode.ReadHoldingRegisters, 0, "plc-1.school.lan:502", connected: true, reset);

        Assert.Contains("设备重置了连接", exception.GetMessage(Chinese), StringComparison.Ordinal);
        Assert.DoesNotContain("Connection reset", exception.GetMessage(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectFailed_OtherErrorKeepsCause()
    {
        var exception = ConnectFailed(new IOException("disk on fire"));

        Assert.Contains("(disk on fire)", exception.GetMessage(English), StringComparison.Ordinal);
    }

    [Fact]
    public void Message_UnknownCode()
    {
        var exception = Reject((ModbusExceptionCode)0x42);

        Assert.Contains("unknown exception code (exception code 42)", exception.GetMessage(English), StringComparison.Ordinal);
        Assert.Contains("未知异常码", exception.GetMessage(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Message_FollowsCurrentUiCulture()
    {
        var exception = Reject(ModbusExceptionCode.IllegalDataAddress);
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Chinese;
            Assert.Contains("非法数据地址", exception.Message, StringComparison.Ordinal);

            CultureInfo.CurrentUICulture = English;
            Assert.Contains("illegal data address", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void Resources_SameKeysInBothCultures()
    {
        var english = ModbusText.KeysOf(CultureInfo.InvariantCulture);
        var chinese = ModbusText.KeysOf(Chinese);

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(StringComparer.Ordinal), chinese.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resources_ChineseTextIsChinese()
    {
        foreach (var key in ModbusText.KeysOf(Chinese))
        {
            var english = ModbusText.Format(CultureInfo.InvariantCulture, key, "d", 1, 2, 3, 4, 5);
            var chinese = ModbusText.Format(Chinese, key, "d", 1, 2, 3, 4, 5);
            Assert.NotEqual(english, chinese);
        }
    }

    [Fact]
    public void Resources_EveryProtocolErrorHasText()
    {
        foreach (var error in Enum.GetValues<ModbusProtocolError>())
        {
            var exception = new ModbusProtocolException("d", 1, ModbusFunctionCode.ReadHoldingRegisters, 0, error, 1, 2, 3, 4);

            Assert.Contains("function 3", exception.GetMessage(English), StringComparison.Ordinal);
            Assert.Contains("功能码 3", exception.GetMessage(Chinese), StringComparison.Ordinal);
        }
    }

    private static ModbusExceptionResponseException Reject(ModbusExceptionCode code) =>
        new("bldgA-2F-201-air", 2, ModbusFunctionCode.ReadHoldingRegisters, 4000, code);

    private static ModbusConnectionException ConnectFailed(Exception cause) =>
        new("meter", 1, ModbusFunctionCode.ReadHoldingRegisters, 0, "plc-1.school.lan:502", connected: false, cause);
}
