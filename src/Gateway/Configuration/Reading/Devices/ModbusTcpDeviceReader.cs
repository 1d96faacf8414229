using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of a modbus-tcp device.</summary>
internal static class ModbusTcpDeviceReader
{
    /// <summary>Settings of a serial line, which a TCP device does not have; named in a specific message.</summary>
    private static readonly HashSet<string> SerialKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "baudRate", "baud", "parity", "dataBits", "stopBits", "serialPort", "serialDriver", "device", "interCharTimeout",
    };

    public static ProblemMessage? SerialKeyHint(string key) =>
        SerialKeys.Contains(key) ? new ProblemMessage(MessageKeys.SerialKeyOnTcp, key) : null;

    public static ModbusTcpDeviceConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var host = device.Key("host").RequiredHost("192.168.10.21");
        var port = ReadPort(device.Key("port"));
        var unitId = device.Key("unitId").OptionalIntegerNotEmpty(0, 255, "1", ModbusTcpDeviceConfiguration.DefaultUnitId);
        var pollInterval = device.Key("pollInterval").OptionalDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), "5s");
        var timeout = device.Key("timeout").OptionalDuration(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "1s");
        var retries = device.Key("retries").OptionalInteger(0, 5, "1");
        var maxBackoff = device.Key("maxBackoff").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "30s");

        // Explicit points are read first, so that a point that overrides a profile point keeps its own signal type.
        var profileValue = device.Key("profile");
        var pointIds = new UniqueIds();
        var points = device.Key("points").MappingList(ModbusPointReader.ItemExample, required: !profileValue.IsPresent, allowEmpty: profileValue.IsPresent) ?? [];
        var explicitPoints = points.Select(point => ModbusPointReader.Read(point, entry, pointIds)).ToList();
        var profile = ModbusProfileReader.Read(profileValue, entry);
        var configuredPoints = ModbusProfileReader.Merge(profile?.Points, explicitPoints);
        var requestLimits = ModbusRequestLimitsReader.Read(device, profile, configuredPoints, entry.Id);

        return new ModbusTcpDeviceConfiguration
        {
            Id = entry.Id,
            Name = name,
            Host = host ?? string.Empty,
            Port = port ?? ModbusTcpDeviceConfiguration.DefaultPort,
            UnitId = (byte)(unitId ?? ModbusTcpDeviceConfiguration.DefaultUnitId),
            PollInterval = pollInterval ?? ModbusTcpDeviceConfiguration.DefaultPollInterval,
            Timeout = timeout ?? ModbusTcpDeviceConfiguration.DefaultTimeout,
            Retries = retries ?? ModbusTcpDeviceConfiguration.DefaultRetries,
            MaxBackoff = maxBackoff ?? ModbusTcpDeviceConfiguration.DefaultMaxBackoff,
            RequestLimits = requestLimits,
            Points = configuredPoints,
        };
    }

    /// <summary>Reads the TCP port; a serial device path such as /dev/ttyUSB0 or COM3 gets its own message.</summary>
    private static int? ReadPort(ValueReader port)
    {
        if (port.Node is YamlScalarNode { Value: { } text } && LooksLikeSerialPort(text))
        {
            port.Report(ConfigurationProblemKind.WrongType, text, new ProblemMessage(MessageKeys.SerialPortOnTcp, text));
            return null;
        }

        return port.OptionalInteger(1, 65535, "502");
    }

    private static bool LooksLikeSerialPort(string text) =>
        text.StartsWith("/dev/", StringComparison.Ordinal)
        || (text.StartsWith("COM", StringComparison.OrdinalIgnoreCase) && text.Length > 3 && text[3..].All(char.IsAsciiDigit));
}
