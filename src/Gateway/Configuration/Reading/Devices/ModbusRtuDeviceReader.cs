using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of a modbus-rtu device: its serial line, its slave address and its points.</summary>
internal static class ModbusRtuDeviceReader
{
    /// <summary>Settings of a TCP device, which a serial device does not have; named in a specific message. A converter that
    /// tunnels RTU frames is set with <c>tunnelHost</c> and <c>tunnelPort</c> instead.</summary>
    private static readonly HashSet<string> TcpKeys = new(StringComparer.OrdinalIgnoreCase) { "host", "port" };

    private static readonly ChoiceSet<SerialParity> Parities = new(
        ("none", SerialParity.None),
        ("even", SerialParity.Even),
        ("odd", SerialParity.Odd));

    private static readonly ChoiceSet<SerialDriverKind> SerialDrivers = new(
        ("auto", SerialDriverKind.Auto),
        ("linux", SerialDriverKind.Linux),
        ("system-io-ports", SerialDriverKind.SystemIOPorts));

    private static readonly ChoiceSet<ModbusPollPriority> Priorities = new(
        ("safety", ModbusPollPriority.Safety),
        ("normal", ModbusPollPriority.Normal),
        ("comfort", ModbusPollPriority.Comfort));

    /// <summary>Baud rates of RS485 field devices; others are almost always a typo.</summary>
    internal static readonly IReadOnlyList<int> BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

    public static ProblemMessage? TcpKeyHint(string key) =>
        TcpKeys.Contains(key) ? new ProblemMessage(MessageKeys.TcpKeyOnSerial, key) : null;

    public static ModbusRtuDeviceConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var serialPortValue = device.Key("serialPort");
        var tunnelHostValue = device.Key("tunnelHost");
        var tunnelHost = tunnelHostValue.IsPresent ? tunnelHostValue.RequiredHost("192.168.10.50", portKey: "tunnelPort") : null;
        var tunnelPort = device.Key("tunnelPort").OptionalInteger(1, 65535, "502");
        string? serialPort = null;
        if (!serialPortValue.IsPresent && TcpKeys.Any(device.Has))
        {
            // The problem for `host` or `port` (TcpKeyHint) already asks for serialPort, with an example.
            device.CoverMissingKey("serialPort");
        }

        if (tunnelHostValue.IsPresent && serialPortValue.IsPresent)
        {
            serialPortValue.Report(ConfigurationProblemKind.InvalidCombination, serialPortValue.RawText, new ProblemMessage(MessageKeys.SerialPortAndTunnel));
        }
        else if (!tunnelHostValue.IsPresent)
        {
            serialPort = ReadSerialPort(serialPortValue);
        }

        var busName = tunnelHost is not null ? $"{tunnelHost}:{tunnelPort ?? 502}" : serialPort;
        var baudRateValue = device.Key("baudRate");
        var baudRate = ReadBaudRate(baudRateValue);
        var parity = device.Key("parity").OptionalChoice(Parities) ?? ModbusRtuDeviceConfiguration.DefaultParity;
        var dataBits = device.Key("dataBits").OptionalInteger(7, 8, "8") ?? ModbusRtuDeviceConfiguration.DefaultDataBits;
        var stopBits = device.Key("stopBits").OptionalInteger(1, 2, "1") ?? ModbusRtuDeviceConfiguration.DefaultStopBits;
        var serialDriverValue = device.Key("serialDriver");
        var serialDriver = serialDriverValue.OptionalChoice(SerialDrivers) ?? SerialDriverKind.Auto;

        // Modbus over Serial Line v1.02 §2.2: 0 is the broadcast address and 248..255 are reserved.
        var unitIdValue = device.Key("unitId");
        var unitId = unitIdValue.RequiredInteger(1, 247, "1");
        var pollInterval = device.Key("pollInterval").OptionalDuration(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), "5s");
        var timeout = device.Key("timeout").OptionalDuration(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), "500ms");
        var retries = device.Key("retries").OptionalInteger(0, 5, "1");
        var maxBackoff = device.Key("maxBackoff").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "30s");
        var priority = device.Key("priority").OptionalChoice(Priorities) ?? ModbusPollPriority.Normal;

        // Explicit points are read first, so that a point that overrides a profile point keeps its own signal type.
        var profileValue = device.Key("profile");
        var pointIds = new UniqueIds();
        var points = device.Key("points").MappingList(ModbusPointReader.ItemExample, required: !profileValue.IsPresent, allowEmpty: profileValue.IsPresent) ?? [];
        var explicitPoints = points.Select(point => ModbusPointReader.Read(point, entry, pointIds)).ToList();
        var profile = ModbusProfileReader.Read(profileValue, entry);
        var configuredPoints = ModbusProfileReader.Merge(profile?.Points, explicitPoints);
        var requestLimits = ModbusRequestLimitsReader.Read(device, profile, configuredPoints, entry.Id);

        if (busName is not null && unitId is not null)
        {
            // The driver is part of the line's settings, because the devices on one port share one bus and so one driver.
            var settings = string.Create(CultureInfo.InvariantCulture, $"{baudRate ?? ModbusRtuDeviceConfiguration.DefaultBaudRate} {dataBits}{parity.ToString()[0]}{stopBits}");
            if (serialDriver != SerialDriverKind.Auto)
            {
                settings += " serialDriver: " + SerialDrivers.NameOf(serialDriver);
            }

            var settingsAt = baudRateValue.IsPresent ? baudRateValue : serialPortValue;
            if (serialDriverValue.IsPresent)
            {
                settingsAt = serialDriverValue;
            }

            device.Context.Devices.SerialBuses.Add(busName, settings, unitId.Value, entry.Id, settingsAt, unitIdValue);
        }

        return new ModbusRtuDeviceConfiguration
        {
            Id = entry.Id,
            Name = name,
            SerialPort = serialPort ?? string.Empty,
            TunnelHost = tunnelHost,
            TunnelPort = tunnelPort ?? 502,
            BaudRate = baudRate ?? ModbusRtuDeviceConfiguration.DefaultBaudRate,
            Parity = parity,
            DataBits = dataBits,
            StopBits = stopBits,
            SerialDriver = serialDriver,
            UnitId = (byte)(unitId ?? 1),
            PollInterval = pollInterval ?? ModbusRtuDeviceConfiguration.DefaultPollInterval,
            Timeout = timeout ?? ModbusRtuDeviceConfiguration.DefaultTimeout,
            Retries = retries ?? ModbusRtuDeviceConfiguration.DefaultRetries,
            MaxBackoff = maxBackoff ?? ModbusTcpDeviceConfiguration.DefaultMaxBackoff,
            Priority = priority,
            RequestLimits = requestLimits,
            Points = configuredPoints,
        };
    }

    private static string? ReadSerialPort(ValueReader serialPort)
    {
        var path = serialPort.RequiredText("/dev/ttyUSB0");
        // Usually under /dev; a link elsewhere (a udev or socat link) is accepted as long as the path is absolute.
        if (path is not null && !path.StartsWith('/'))
        {
            serialPort.Report(ConfigurationProblemKind.InvalidValue, path, new ProblemMessage(MessageKeys.SerialPortPathInvalid, path));
            return null;
        }

        return path;
    }

    private static int? ReadBaudRate(ValueReader baudRate)
    {
        var value = baudRate.OptionalInteger(300, 4_000_000, "9600");
        if (value is { } rate && !BaudRates.Contains(rate) && baudRate.Node is YamlScalarNode scalar)
        {
            baudRate.Report(ConfigurationProblemKind.InvalidValue, scalar.Value, new ProblemMessage(MessageKeys.BaudRateUnusual, rate, BaudRates));
            return null;
        }

        return value;
    }
}
