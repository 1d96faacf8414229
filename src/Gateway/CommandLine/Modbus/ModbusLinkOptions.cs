using System.CommandLine;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Reading.Devices;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>
/// The options that pick a device for a <c>modbus</c> command: a campus.yaml device (<c>--config FILE --device ID</c>),
/// or a Modbus TCP host, a serial port, or an RTU-over-TCP converter given directly.
/// </summary>
internal sealed class ModbusLinkOptions
{
    public Option<FileInfo?> Config { get; } = new("--config", "-c") { Description = ModbusCliText.Get("OptionConfig") };

    public Option<string?> Device { get; } = new("--device", "-d") { Description = ModbusCliText.Get("OptionDevice") };

    public Option<string?> Host { get; } = new("--host") { Description = ModbusCliText.Get("OptionHost") };

    public Option<int> Port { get; } = new("--port") { Description = ModbusCliText.Get("OptionPort"), DefaultValueFactory = _ => 502 };

    public Option<string?> Serial { get; } = new("--serial") { Description = ModbusCliText.Get("OptionSerial") };

    public Option<int> Baud { get; } = new("--baud") { Description = ModbusCliText.Get("OptionBaud"), DefaultValueFactory = _ => 9600 };

    public Option<string> Parity { get; } = new("--parity") { Description = ModbusCliText.Get("OptionParity"), DefaultValueFactory = _ => "none" };

    public Option<int> DataBits { get; } = new("--data-bits") { Description = ModbusCliText.Get("OptionDataBits"), DefaultValueFactory = _ => 8 };

    public Option<int> StopBits { get; } = new("--stop-bits") { Description = ModbusCliText.Get("OptionStopBits"), DefaultValueFactory = _ => 1 };

    public Option<string?> TunnelHost { get; } = new("--tunnel-host") { Description = ModbusCliText.Get("OptionTunnelHost") };

    public Option<int> TunnelPort { get; } = new("--tunnel-port") { Description = ModbusCliText.Get("OptionTunnelPort"), DefaultValueFactory = _ => 502 };

    public Option<int?> Unit { get; } = new("--unit", "-u") { Description = ModbusCliText.Get("OptionUnit") };

    public Option<string?> Timeout { get; } = new("--timeout") { Description = ModbusCliText.Get("OptionTimeout") };

    public void AddTo(Command command)
    {
        Parity.AcceptOnlyFromAmong("none", "even", "odd");
        AddPortCheck(Port);
        AddPortCheck(TunnelPort);
        AddBaudCheck(Baud);
        foreach (var option in new Option[] { Config, Device, Host, Port, Serial, Baud, Parity, DataBits, StopBits, TunnelHost, TunnelPort, Unit, Timeout })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Names a device given by connection options by where it is reached ("127.0.0.1:1502" or "/dev/ttyUSB0"). The
    /// driver's messages add the unit id after the name.
    /// </summary>
    private static string CommandLineDeviceId(string where, int? port) =>
        port is { } number ? where + ":" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) : where;

    /// <summary>
    /// Writes the fix for a host option given as "host:port" and returns true. Without this check the whole text is
    /// looked up as a host name, and a usage mistake ends in a name resolution error.
    /// </summary>
    private static bool RejectsHostWithPort(string? text, string hostOption, string portOption, TextWriter output)
    {
        if (text is null || !HostText.TrySplitPort(text, out var host, out var port))
        {
            return false;
        }

        output.WriteLine(ModbusCliText.Format("HostWithPort", hostOption, text, host, portOption, port));
        return true;
    }

    /// <summary>
    /// Rejects a TCP port outside 1 to 65535 at parse time, so the command exits with the usage error code. A value
    /// that is not a number already has its parse error; reading it here would throw instead.
    /// </summary>
    private static void AddPortCheck(Option<int> port) =>
        port.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > 65535)
            {
                Help.LocalizedParseErrors.AddError(result, ModbusCliText.Format("PortOutOfRange", port.Name, value));
            }
        });

    /// <summary>
    /// Rejects a baud rate that no RS485 field device uses at parse time, with the list campus.yaml accepts. Without
    /// it a typo such as 96000 reaches the serial port and fails as a port that cannot be opened.
    /// </summary>
    private static void AddBaudCheck(Option<int> baud) =>
        baud.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            var value = result.GetValueOrDefault<int>();
            if (!ModbusRtuDeviceReader.BaudRates.Contains(value))
            {
                Help.LocalizedParseErrors.AddError(result, ModbusCliText.Format("BaudInvalid", baud.Name, value, OperatorList.Join(ModbusRtuDeviceReader.BaudRates.Select(rate => rate.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }
        });

    /// <summary>
    /// Writes the fix for a host typed with full-width characters or an IPv4 address that is not one, and returns
    /// true. Without this check the text is looked up as a host name and fails as one that cannot be resolved.
    /// </summary>
    private static bool RejectsMistypedHost(string? text, string hostOption, string portOption, TextWriter output)
    {
        if (text is null)
        {
            return false;
        }

        if (HostText.FindFullWidth(text, out var halfWidth) is { } fullWidth)
        {
            var fix = HostText.TrySplitPort(halfWidth, out var host, out var port) ? $"{hostOption} {host} {portOption} {port}" : $"{hostOption} {halfWidth}";
            output.WriteLine(ModbusCliText.Format("HostFullWidth", hostOption, text, fullWidth, fix));
            return true;
        }

        if (HostText.IsMistypedIpv4(text))
        {
            output.WriteLine(ModbusCliText.Format("HostNotIpv4", hostOption, text));
            return true;
        }

        return false;
    }

    /// <summary>
    /// Builds the link settings from the parsed options. On a problem it writes the operator message to
    /// <paramref name="output"/> and returns null.
    /// </summary>
    public ModbusLinkSettings? Resolve(ParseResult parseResult, TextWriter output, TimeSpan defaultTimeout)
    {
        if (!TryReadTimeout(parseResult, output, out var timeout))
        {
            return null;
        }

        var unit = parseResult.GetValue(Unit);
        if (unit is < 0 or > 255)
        {
            output.WriteLine(ModbusCliText.Format("UnitInvalid", unit));
            return null;
        }

        var config = parseResult.GetValue(Config);
        var device = parseResult.GetValue(Device);
        var settings = config is not null || device is not null
            ? ResolveFromConfiguration(parseResult, config, device, output, (byte?)unit, timeout)
            : ResolveFromOptions(parseResult, output, (byte)(unit ?? 1), timeout ?? defaultTimeout);

        // Modbus over Serial Line v1.02 §2.2: 0 is the broadcast address, to which no device replies, and 248..255 are reserved.
        if (settings is { Bus: not null, UnitId: 0 or > 247 })
        {
            output.WriteLine(ModbusCliText.Format("UnitInvalidSerial", settings.UnitId));
            return null;
        }

        return settings;
    }

    private bool TryReadTimeout(ParseResult parseResult, TextWriter output, out TimeSpan? timeout)
    {
        timeout = null;
        var text = parseResult.GetValue(Timeout);
        if (text is null)
        {
            return true;
        }

        if (DurationText.TryParse(text, out var value) != DurationParse.Valid || value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(1))
        {
            output.WriteLine(ModbusCliText.Format("TimeoutInvalid", text));
            return false;
        }

        timeout = value;
        return true;
    }

    private ModbusLinkSettings? ResolveFromConfiguration(
        ParseResult parseResult,
        FileInfo? config,
        string? deviceId,
        TextWriter output,
        byte? unit,
        TimeSpan? timeout)
    {
        if (config is null || deviceId is null)
        {
            output.WriteLine(ModbusCliText.Get("ConfigAndDeviceTogether"));
            return null;
        }

        if (parseResult.GetValue(Host) is not null || parseResult.GetValue(Serial) is not null || parseResult.GetValue(TunnelHost) is not null)
        {
            output.WriteLine(ModbusCliText.Get("DeviceOrConnection"));
            return null;
        }

        var result = SiteConfigurationLoader.Load(config.FullName, System.Globalization.CultureInfo.CurrentUICulture);
        if (result.Configuration is not { } site)
        {
            output.WriteLine(ConfigurationReport.Format(result));
            return null;
        }

        var modbusIds = site.Devices.Where(d => d is ModbusTcpDeviceConfiguration or ModbusRtuDeviceConfiguration).Select(d => d.Id).ToList();
        switch (site.Devices.FirstOrDefault(d => d.Id == deviceId))
        {
            case ModbusTcpDeviceConfiguration tcp:
                return new ModbusLinkSettings
                {
                    DeviceId = tcp.Id,
                    Host = tcp.Host,
                    Port = tcp.Port,
                    UnitId = unit ?? tcp.UnitId,
                    Timeout = timeout ?? tcp.Timeout,
                    Points = [.. tcp.Points.Select(DeviceFactory.ToPointOptions)],
                };
            case ModbusRtuDeviceConfiguration rtu:
                return new ModbusLinkSettings
                {
                    DeviceId = rtu.Id,
                    Bus = DeviceFactory.ToBusOptions(rtu),
                    UnitId = unit ?? rtu.UnitId,
                    Timeout = timeout ?? rtu.Timeout,
                    Points = [.. rtu.Points.Select(DeviceFactory.ToPointOptions)],
                };
            case null:
                output.WriteLine(ModbusCliText.Format("DeviceNotFound", deviceId, config.Name, OperatorList.Join(modbusIds)));
                return null;
            default:
                output.WriteLine(ModbusCliText.Format("DeviceNotModbus", deviceId, OperatorList.Join(modbusIds)));
                return null;
        }
    }

    private ModbusLinkSettings? ResolveFromOptions(ParseResult parseResult, TextWriter output, byte unit, TimeSpan timeout)
    {
        var host = parseResult.GetValue(Host);
        var serial = parseResult.GetValue(Serial);
        var tunnelHost = parseResult.GetValue(TunnelHost);
        var given = new[] { host, serial, tunnelHost }.Count(value => value is not null);
        if (given != 1)
        {
            output.WriteLine(ModbusCliText.Get(given == 0 ? "ConnectionMissing" : "ConnectionTwice"));
            return null;
        }

        if (RejectsMistypedHost(host, Host.Name, Port.Name, output) || RejectsMistypedHost(tunnelHost, TunnelHost.Name, TunnelPort.Name, output))
        {
            return null;
        }

        if (RejectsHostWithPort(host, Host.Name, Port.Name, output) || RejectsHostWithPort(tunnelHost, TunnelHost.Name, TunnelPort.Name, output))
        {
            return null;
        }

        if (host is not null)
        {
            var port = parseResult.GetValue(Port);
            return new ModbusLinkSettings { DeviceId = CommandLineDeviceId(host, port), Host = host, Port = port, UnitId = unit, Timeout = timeout, FromHostOption = true };
        }

        var bus = new ModbusRtuBusOptions
        {
            PortName = serial ?? string.Empty,
            TunnelHost = tunnelHost,
            TunnelPort = parseResult.GetValue(TunnelPort),
            BaudRate = parseResult.GetValue(Baud),
            Parity = parseResult.GetValue(Parity) switch
            {
                "even" => System.IO.Ports.Parity.Even,
                "odd" => System.IO.Ports.Parity.Odd,
                _ => System.IO.Ports.Parity.None,
            },
            DataBits = parseResult.GetValue(DataBits),
            StopBits = parseResult.GetValue(StopBits) == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One,
        };
        var deviceId = tunnelHost is null ? CommandLineDeviceId(bus.PortName, null) : CommandLineDeviceId(tunnelHost, bus.TunnelPort);
        return new ModbusLinkSettings { DeviceId = deviceId, Bus = bus, UnitId = unit, Timeout = timeout, FromSerialOption = serial is not null };
    }
}
