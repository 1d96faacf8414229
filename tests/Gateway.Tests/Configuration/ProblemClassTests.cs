using System.Globalization;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>One broken value per test, each checked for kind, line, column, key path, value and message.</summary>
public class ProblemClassTests
{
    [Fact]
    public void ValidSample_HasNoProblems()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void MissingKey_ReportedAtParentMapping()
    {
        var yaml = SiteYaml.With("  name: 测试小学\n", string.Empty);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("school.name", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "id: test-school"), problem.Line);
        Assert.Null(problem.Value);
        Assert.Contains("`name`", problem.Message, StringComparison.Ordinal);
        Assert.Contains("name: 示范小学", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValue_ReportedAtKey()
    {
        var yaml = SiteYaml.With("  host: 127.0.0.1\ndevices:", "  host:\ndevices:");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingValue, problem.Kind);
        Assert.Equal("district.host", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "devices:") - 1, problem.Line);
        Assert.Contains("`host`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyOptionalKey_TakesDefault()
    {
        var yaml = SiteYaml.With("    host: 127.0.0.1\n", "    host: 127.0.0.1\n    timeout:\n");

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = result.Configuration!.Devices.OfType<ModbusTcpDeviceConfiguration>().First();
        Assert.Equal(ModbusTcpDeviceConfiguration.DefaultTimeout, device.Timeout);
    }

    [Fact]
    public void WrongType_TextForPort()
    {
        var yaml = SiteYaml.With("port: 18830", "port: abc");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongType, problem.Kind);
        Assert.Equal("campusBroker.port", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "port: abc"), problem.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "abc"), problem.Column);
        Assert.Equal("abc", problem.Value);
        Assert.Contains("abc", problem.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 65535", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_ListForText()
    {
        var yaml = SiteYaml.With("name: 测试小学", "name: [a, b]");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongType, problem.Kind);
        Assert.Equal("school.name", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "name: [a, b]"), problem.Line);
        Assert.Contains("a list", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public void OutOfRange_RegisterAddress(string address)
    {
        var yaml = SiteYaml.With("address: 0", "address: " + address);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("devices[0].points[0].address", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "address: " + address), problem.Line);
        Assert.Equal(address, problem.Value);
        Assert.Equal("air", problem.DeviceId);
        Assert.Contains(address, problem.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 65535", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port: 18830", "port: 0", "campusBroker.port")]
    [InlineData("port: 18830", "port: 70000", "campusBroker.port")]
    [InlineData("pin: 17", "pin: -1", "devices[1].points[0].pin")]
    public void OutOfRange_PortAndPin(string original, string replacement, string path)
    {
        var yaml = SiteYaml.With(original, replacement);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, replacement), problem.Line);
    }

    [Fact]
    public void OutOfRange_UnitIdAboveByte()
    {
        var yaml = SiteYaml.With("    host: 127.0.0.1\n    points:", "    host: 127.0.0.1\n    unitId: 256\n    points:");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("devices[0].unitId", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "unitId: 256"), problem.Line);
        Assert.Contains("0 to 255", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyUnitId_Rejected()
    {
        var yaml = SiteYaml.With("    host: 127.0.0.1\n    points:", "    host: 127.0.0.1\n    unitId:\n    points:");

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.MissingValue, english.Kind);
        Assert.Equal("devices[0].unitId", english.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "unitId:"), english.Line);
        Assert.Contains("`unitId` is written without a value", english.Message, StringComparison.Ordinal);
        Assert.Contains("To use the default 1, delete this line.", english.Message, StringComparison.Ordinal);
        Assert.Contains("`unitId` 写了键但没有值", chinese.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("400001", "holding", "4xxxxx", "0")]
    [InlineData("300010", "input", "3xxxxx", "9")]
    [InlineData("465536", "holding", "4xxxxx", "65535")]
    public void OutOfRange_SixDigitRegisterNumber(string address, string function, string numbering, string protocolAddress)
    {
        var yaml = SiteYaml.With("function: holding\n        address: 0", $"function: {function}\n        address: {address}");

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, english.Kind);
        Assert.Equal("devices[0].points[0].address", english.Path);
        Assert.Contains($"looks like a six-digit {numbering} register number", english.Message, StringComparison.Ordinal);
        Assert.Contains($"write `address: {protocolAddress}`", english.Message, StringComparison.Ordinal);
        Assert.Contains($"请写 `address: {protocolAddress}`", chinese.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRange_FloatAtLastRegister()
    {
        var yaml = SiteYaml.With("address: 0\n        type: uint16", "address: 65535\n        type: float32");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("devices[0].points[0].address", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "address: 65535"), problem.Line);
        Assert.Contains("65534", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDevice_InRulePoint()
    {
        var yaml = SiteYaml.With("point: air.co2", "point: boiler.co2");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.UnknownReference, problem.Kind);
        Assert.Equal("rules[0].point", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "point: boiler.co2"), problem.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "boiler.co2"), problem.Column);
        Assert.Contains("boiler.co2", problem.Message, StringComparison.Ordinal);
        Assert.Contains("air, panel, board-1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDevice_SuggestsClosestId()
    {
        var yaml = SiteYaml.With("point: air.co2", "point: aire.co2");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("rules[0].point", problem.Path);
        Assert.Contains("`air.co2`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDevice_ListIsShortened()
    {
        var boards = string.Concat(Enumerable.Range(1, 25).Select(index => $"  - id: extra-{index}\n    kind: class-board\n    password: secret-{index}\n"));
        var yaml = SiteYaml.With("rules:\n", boards + "rules:\n");
        yaml = SiteYaml.Replace(yaml, "point: air.co2", "point: boiler.co2");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("rules[0].point", problem.Path);
        Assert.Contains("extra-17, …", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("extra-25", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPoint_ListsPointsOfDevice()
    {
        var yaml = SiteYaml.With("setOutput: panel.siren", "setOutput: panel.horn");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.UnknownReference, problem.Kind);
        Assert.Equal("rules[1].actions[0].setOutput", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "panel.horn"), problem.Line);
        Assert.Contains("smoke, siren", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongReference_SetOutputToInput()
    {
        var yaml = SiteYaml.With("setOutput: panel.siren", "setOutput: panel.smoke");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Equal("rules[1].actions[0].setOutput", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "setOutput: panel.smoke"), problem.Line);
        Assert.Contains("panel.smoke", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongReference_NoticeToNonBoard()
    {
        var yaml = SiteYaml.With("notice: board-1", "notice: panel");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Equal("rules[1].actions[1].notice", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "notice: panel"), problem.Line);
        Assert.Contains("board-1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongReference_ThresholdOnGpioPoint()
    {
        var yaml = SiteYaml.With("point: air.co2", "point: panel.smoke");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Equal("rules[0].point", problem.Path);
        Assert.Contains("kind: input", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_SuggestsClosestKey()
    {
        var yaml = SiteYaml.With("address: 0", "adress: 0");

        var result = SiteYaml.Load(yaml);

        Assert.Equal(2, result.Problems.Count);
        var unknown = SiteYaml.At(result, "devices[0].points[0].adress");
        Assert.Equal(ConfigurationProblemKind.UnknownKey, unknown.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, "adress: 0"), unknown.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "adress"), unknown.Column);
        Assert.Contains("`adress`", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `address`?", unknown.Message, StringComparison.Ordinal);
        var missing = SiteYaml.At(result, "devices[0].points[0].address");
        Assert.Equal(ConfigurationProblemKind.MissingKey, missing.Kind);
    }

    [Fact]
    public void UnknownKey_SwappedLettersSuggestKey()
    {
        var yaml = SiteYaml.With("type: uint16", "tpye: uint16");

        var unknown = SiteYaml.At(SiteYaml.Load(yaml), "devices[0].points[0].tpye");

        Assert.Contains("did you mean `type`?", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_WithoutCloseMatchListsKeys()
    {
        var yaml = SiteYaml.With("  name: 测试小学", "  name: 测试小学\n  principal: 王老师");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("school.principal", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "principal"), problem.Line);
        Assert.DoesNotContain("did you mean", problem.Message, StringComparison.Ordinal);
        Assert.Contains("id, name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_Device()
    {
        var yaml = SiteYaml.With("rules:\n", "  - id: air\n    kind: class-board\n    password: other-secret\nrules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.DuplicateId, problem.Kind);
        Assert.Equal("devices[3].id", problem.Path);
        Assert.Equal(LastLineOf(yaml, "- id: air"), problem.Line);
        Assert.Equal("air", problem.Value);
        Assert.Contains("`air`", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"devices[0] on line {FirstLineOf(yaml, "- id: air")}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_PointWithinDevice()
    {
        var yaml = SiteYaml.With("      - id: siren", "      - id: smoke");

        var result = SiteYaml.Load(yaml);

        var problem = SiteYaml.At(result, "devices[1].points[1].id");
        Assert.Equal(ConfigurationProblemKind.DuplicateId, problem.Kind);
        Assert.Equal(LastLineOf(yaml, "- id: smoke"), problem.Line);
        Assert.Contains("`smoke`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_Rule()
    {
        var yaml = SiteYaml.With("- id: fire", "- id: co2-high");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.DuplicateId, problem.Kind);
        Assert.Equal("rules[1].id", problem.Path);
        Assert.Equal(LastLineOf(yaml, "- id: co2-high"), problem.Line);
    }

    [Fact]
    public void DuplicatePin_WithinDevice()
    {
        var yaml = SiteYaml.With("pin: 27", "pin: 17");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.DuplicateId, problem.Kind);
        Assert.Equal("devices[1].points[1].pin", problem.Path);
        Assert.Equal(LastLineOf(yaml, "pin: 17"), problem.Line);
        Assert.Contains("17", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", "`5` has no unit", "for: 5s")]
    [InlineData("5 minutes", "`5 minutes` is not a valid duration", "for: 2m")]
    [InlineData("1m30s", "`1m30s` is not a valid duration", "for: 2m")]
    public void InvalidDuration_RuleFor(string duration, string expectedStart, string expectedExample)
    {
        var yaml = SiteYaml.With("    clearBelow: 1200\n", $"    clearBelow: 1200\n    for: {duration}\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidDuration, problem.Kind);
        Assert.Equal("rules[0].for", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "for: "), problem.Line);
        Assert.Equal(duration, problem.Value);
        Assert.StartsWith(expectedStart, problem.Message, StringComparison.Ordinal);
        Assert.Contains(expectedExample, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", "timeout: 500ms")]
    [InlineData("30", "timeout: 30s")]
    [InlineData("100000", "timeout: 1s")]
    public void DurationWithoutUnit_ExampleInRange(string duration, string expectedExample)
    {
        var yaml = SiteYaml.With("    host: 127.0.0.1\n", $"    host: 127.0.0.1\n    timeout: {duration}\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidDuration, problem.Kind);
        Assert.Equal("devices[0].timeout", problem.Path);
        Assert.StartsWith($"`{duration}` has no unit", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"`{expectedExample}`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidChoice_DataTypeListsAllowed()
    {
        var yaml = SiteYaml.With("type: uint16", "type: uint8");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("devices[0].points[0].type", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "type: uint8"), problem.Line);
        Assert.Equal("uint8", problem.Value);
        Assert.Contains("`uint8`", problem.Message, StringComparison.Ordinal);
        Assert.Contains("uint16, int16, uint32, int32, uint64, int64, float32, float64", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidChoice_BooleanWordYes()
    {
        var yaml = SiteYaml.With("equals: true", "equals: yes");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongType, problem.Kind);
        Assert.Equal("rules[1].equals", problem.Path);
        Assert.Contains("`yes` is not true or false", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bldg.A")]
    [InlineData("空气")]
    [InlineData("air sensor")]
    public void InvalidId_DeviceCharacters(string id)
    {
        var yaml = SiteYaml.With("- id: board-1", "- id: " + id);
        yaml = SiteYaml.Replace(yaml, "notice: board-1", "notice: all");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidId, problem.Kind);
        Assert.Equal("devices[2].id", problem.Path);
        Assert.Contains(id, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidId_ReservedAll()
    {
        var yaml = SiteYaml.With("- id: board-1", "- id: all");
        yaml = SiteYaml.Replace(yaml, "notice: board-1", "notice: all");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidId, problem.Kind);
        Assert.Equal("devices[2].id", problem.Path);
    }

    [Fact]
    public void ClearBelow_AboveLimit()
    {
        var yaml = SiteYaml.With("clearBelow: 1200", "clearBelow: 1600");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[0].clearBelow", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "clearBelow: 1600"), problem.Line);
        Assert.Contains("1600", problem.Message, StringComparison.Ordinal);
        Assert.Contains("clearBelow: 1350", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearBelow_Missing()
    {
        var yaml = SiteYaml.With("    clearBelow: 1200\n", string.Empty);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("rules[0].clearBelow", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "- id: co2-high"), problem.Line);
    }

    [Fact]
    public void BelowThreshold_LoadsWithClearAbove()
    {
        var yaml = SiteYaml.With("above: 1500\n    clearBelow: 1200", "below: 18\n    clearAbove: 19.5");

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void ModbusRtu_LoadsWithSerialDefaults()
    {
        var result = SiteYaml.Load(SiteYaml.With("rules:\n", RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "") + "rules:\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var device = Assert.IsType<ModbusRtuDeviceConfiguration>(result.Configuration!.Devices.Single(device => device.Id == "rtu-1"));
        Assert.Equal("/dev/ttyUSB0", device.SerialPort);
        Assert.Equal(9600, device.BaudRate);
        Assert.Equal(SerialParity.None, device.Parity);
        Assert.Equal(TimeSpan.FromMilliseconds(500), device.Timeout);
    }

    [Fact]
    public void ModbusRtu_SharedPortSettingsMustMatch()
    {
        var devices = RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "") + RtuDevice("rtu-2", "/dev/ttyUSB0", 2, "    baudRate: 19200\n");
        var yaml = SiteYaml.With("rules:\n", devices + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[4].baudRate", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "baudRate: 19200"), problem.Line);
        Assert.Contains("rtu-1", problem.Message, StringComparison.Ordinal);
        Assert.Contains("9600 8N1", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "expected one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200.")]
    [InlineData("zh-CN", "应为 1200、2400、4800、9600、19200、38400、57600、115200 之一")]
    public void ModbusRtu_UnusualBaudListsRatesInLanguage(string language, string expectedList)
    {
        var devices = RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "    baudRate: 9601\n");
        var yaml = SiteYaml.With("rules:\n", devices + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, CultureInfo.GetCultureInfo(language)));

        Assert.Equal("devices[3].baudRate", problem.Path);
        Assert.Contains(expectedList, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModbusRtu_SerialDriverReachesBus()
    {
        var devices = RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "    serialDriver: system-io-ports\n") + RtuDevice("rtu-2", "/dev/ttyUSB1", 1, "");
        var result = SiteYaml.Load(SiteYaml.With("rules:\n", devices + "rules:\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var chosen = Assert.IsType<ModbusRtuDeviceConfiguration>(result.Configuration!.Devices.Single(device => device.Id == "rtu-1"));
        var defaulted = Assert.IsType<ModbusRtuDeviceConfiguration>(result.Configuration!.Devices.Single(device => device.Id == "rtu-2"));
        Assert.Equal(SerialDriverKind.SystemIOPorts, chosen.SerialDriver);
        Assert.Equal(SerialDriverKind.Auto, defaulted.SerialDriver);
        Assert.Equal(SerialPortDriver.SystemIOPorts, DeviceFactory.ToBusOptions(chosen).SerialDriver);
        Assert.Equal(SerialPortDriver.Auto, DeviceFactory.ToBusOptions(defaulted).SerialDriver);
    }

    [Fact]
    public void ModbusRtu_SharedPortSerialDriverMustMatch()
    {
        var devices = RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "") + RtuDevice("rtu-2", "/dev/ttyUSB0", 2, "    serialDriver: linux\n");
        var yaml = SiteYaml.With("rules:\n", devices + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[4].serialDriver", problem.Path);
        Assert.Contains("serialDriver: linux", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModbusRtu_UnknownSerialDriverRejected()
    {
        var yaml = SiteYaml.With("rules:\n", RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "    serialDriver: termios\n") + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("devices[3].serialDriver", problem.Path);
        Assert.Contains("system-io-ports", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModbusRtu_UnitIdUniquePerPort()
    {
        var devices = RtuDevice("rtu-1", "/dev/ttyUSB0", 3, "") + RtuDevice("rtu-2", "/dev/ttyUSB0", 3, "") + RtuDevice("rtu-3", "/dev/ttyUSB1", 3, "");
        var yaml = SiteYaml.With("rules:\n", devices + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.DuplicateId, problem.Kind);
        Assert.Equal("devices[4].unitId", problem.Path);
        Assert.Contains("rtu-1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModbusRtu_PortMustBeDevicePath()
    {
        var yaml = SiteYaml.With("rules:\n", RtuDevice("rtu-1", "COM3", 1, "") + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("devices[3].serialPort", problem.Path);
        Assert.Equal("COM3", problem.Value);
    }

    [Fact]
    public void GateModeOnBoard_ReportsWrongReference()
    {
        var yaml = SiteYaml.With("  - setOutput: panel.siren\n        value: true", "  - gateMode: board-1\n        mode: holdOpen");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.EndsWith(".gateMode", problem.Path, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.LineOf(yaml, "gateMode: board-1"), problem.Line);
        Assert.Contains("board-1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DistrictTls_LoadsAndMissingCaReported()
    {
        var caFile = Path.Combine(Path.GetTempPath(), $"district-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, "placeholder; the loader only checks that the file exists");
        try
        {
            var valid = SiteYaml.Load(SiteYaml.With("district:\n", $"district:\n  tlsCaFile: {caFile}\n  compression: gzip\n"));
            Assert.True(valid.IsValid, ConfigurationReport.Format(valid));
            Assert.True(valid.Configuration!.District.UseTls);
            Assert.Equal(DistrictCompression.Gzip, valid.Configuration.District.Compression);

            var missing = SiteYaml.With("district:\n", "district:\n  tlsCaFile: /nonexistent/district-ca.pem\n");
            var problem = SiteYaml.Single(SiteYaml.Load(missing));
            Assert.Equal("district.tlsCaFile", problem.Path);
            Assert.Equal(SiteYaml.LineOf(missing, "tlsCaFile:"), problem.Line);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public void PulseOnInput_Reported()
    {
        var yaml = SiteYaml.With("    pin: 17\n", "    pin: 17\n        pulse: 3s\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.EndsWith(".pulse", problem.Path, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.LineOf(yaml, "pulse: 3s"), problem.Line);
    }

    [Fact]
    public void PulseOnOutput_Loads()
    {
        var yaml = SiteYaml.With("    safeState: false\n", "    safeState: false\n        pulse: 3s\n");

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var panel = Assert.IsType<GpioDeviceConfiguration>(result.Configuration!.Devices.Single(device => device.Id == "panel"));
        Assert.Equal(TimeSpan.FromSeconds(3), panel.Points.Single(point => point.Id == "siren").Pulse);
    }

    [Fact]
    public void StaleRule_LoadsAndNeedsStaleAfter()
    {
        const string Rule = "  - id: co2-silent\n    kind: stale\n    point: air.co2\n    severity: major\n";
        var valid = SiteYaml.Load(SiteYaml.With("rules:\n", "rules:\n" + Rule.Replace("severity: major\n", "severity: major\n    staleAfter: 30s\n", StringComparison.Ordinal)));
        Assert.True(valid.IsValid, ConfigurationReport.Format(valid));
        var stale = Assert.IsType<StaleRuleConfiguration>(valid.Configuration!.Rules.Single(rule => rule.Id == "co2-silent"));
        Assert.Equal(TimeSpan.FromSeconds(30), stale.StaleAfter);

        var missing = SiteYaml.With("rules:\n", "rules:\n" + Rule);
        var problem = SiteYaml.Single(SiteYaml.Load(missing));
        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.EndsWith(".staleAfter", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void ModbusBitPoints_LoadAndRejectMisuse()
    {
        const string Points = "        type: uint16\n";
        Assert.Contains(Points, SiteYaml.Valid, StringComparison.Ordinal);
        var extra = "      - id: fan\n        function: coil\n        address: 5\n"
            + "      - id: filter-alarm\n        function: holding\n        address: 6\n        bit: 3\n        deadband: 0\n"
            + "      - id: wrong-coil\n        function: coil\n        address: 7\n        type: float32\n"
            + "      - id: wrong-bit\n        function: holding\n        address: 8\n        bit: 2\n        type: float32\n"
            + "      - id: wrong-deadband\n        function: holding\n        address: 10\n        type: uint16\n        deadband: -1\n";
        var yaml = SiteYaml.With(Points, Points + extra);

        var result = SiteYaml.Load(yaml);

        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, problem => problem.Kind == ConfigurationProblemKind.InvalidCombination && problem.Path.EndsWith("points[3].type", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem.Kind == ConfigurationProblemKind.InvalidCombination && problem.Path.EndsWith("points[4].type", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem.Kind == ConfigurationProblemKind.OutOfRange && problem.Path.EndsWith("points[5].deadband", StringComparison.Ordinal));
    }

    [Fact]
    public void ModbusRtu_SerialPortAndTunnelExclusive()
    {
        var yaml = SiteYaml.With("rules:\n", RtuDevice("rtu-1", "/dev/ttyUSB0", 1, "    tunnelHost: 192.168.10.50\n") + "rules:\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("devices[3].serialPort", problem.Path);
        Assert.Contains("tunnelHost", problem.Message, StringComparison.Ordinal);
    }

    private static string RtuDevice(string id, string port, int unitId, string extraKeys) => $"""
          - id: {id}
            kind: modbus-rtu
            serialPort: {port}
            unitId: {unitId}
        {extraKeys}    points:
              - id: temperature
                function: input
                address: 0
                type: int16
                scale: 0.1

        """;

    [Fact]
    public void SyntaxError_ReportsLine()
    {
        var yaml = SiteYaml.With("  port: 18830", "   port: 18830");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, "port: 18830"), problem.Line);
        Assert.Equal(string.Empty, problem.Path);
        Assert.StartsWith("YAML syntax error:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeylessEntry_ReportedNotThrown()
    {
        // Found by fuzzing: YamlDotNet 16.3 threw ArgumentException from its loader on this text.
        var yaml = SiteYaml.With("  id: test-school", "  : test-school");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, ": test-school"), problem.Line);
        Assert.Equal(3, problem.Column);
        Assert.Contains("colon", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  port: 18830", "  port: [18830")]
    [InlineData("  port: 18830", "  port: {18830")]
    public void UnclosedBracket_ReportedNotThrown(string original, string broken)
    {
        var yaml = SiteYaml.With(original, broken);

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.InRange(problem.Line, SiteYaml.LineOf(yaml, broken.Trim()) - 1, SiteYaml.LineOf(yaml, broken.Trim()) + 1);
        Assert.StartsWith("YAML syntax error", problem.Message, StringComparison.Ordinal);
        Assert.Contains("bracket", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_ReportedWithoutStoppingTheLoad()
    {
        var yaml = SiteYaml.With("  port: 18830", "  port: 18830\n  port: 18831");
        yaml = SiteYaml.Replace(yaml, "type: uint16", "type: uint8");

        var result = SiteYaml.Load(yaml);

        Assert.Equal(2, result.Problems.Count);
        var duplicate = SiteYaml.At(result, "campusBroker.port");
        Assert.Equal(ConfigurationProblemKind.DuplicateKey, duplicate.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, "port: 18831"), duplicate.Line);
        Assert.Contains($"line {SiteYaml.LineOf(yaml, "port: 18830")}", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(ConfigurationProblemKind.InvalidValue, SiteYaml.At(result, "devices[0].points[0].type").Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void EmptyFile_Reported(string yaml)
    {
        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.EmptyFile, problem.Kind);
        Assert.Equal(1, problem.Line);
        Assert.Contains("school, gateway, campusBroker, district, devices", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- school\n- devices\n", "a list")]
    [InlineData("campus\n", "a single value")]
    public void RootNotMapping_Reported(string yaml, string shape)
    {
        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.NotAMapping, problem.Kind);
        Assert.Equal(1, problem.Line);
        Assert.EndsWith(shape + ".", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_NeverInProblem()
    {
        var yaml = SiteYaml.With("password: test-board-secret", "password: \" \"");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingValue, problem.Kind);
        Assert.Equal("devices[2].password", problem.Path);
        Assert.Null(problem.Value);
    }

    private static int FirstLineOf(string text, string fragment) =>
        Array.FindIndex(text.Split('\n'), line => line.Contains(fragment, StringComparison.Ordinal)) + 1;

    private static int LastLineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        return Array.FindLastIndex(lines, line => line.Contains(fragment, StringComparison.Ordinal)) + 1;
    }
}
