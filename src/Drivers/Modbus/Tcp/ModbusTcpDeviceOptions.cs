using System.Globalization;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>One Modbus TCP device: where it is, how often it is read, and its points.</summary>
public sealed class ModbusTcpDeviceOptions
{
    /// <summary>Device id in the site configuration, the first half of each point id. It may not contain a dot.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Host name or IP address of the device or of the Modbus gateway in front of it.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port. 502 is the registered Modbus port.</summary>
    public int Port { get; init; } = 502;

    /// <summary>
    /// Unit identifier sent in every request. A device reached directly often ignores it, though some expect 1 or 255.
    /// Behind a TCP-to-RS485 gateway it is the serial slave address.
    /// </summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>Time from the start of one poll to the start of the next. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deadline of one request, connect included. Default 1 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Extra attempts after a timeout or a connection that broke during the request, 0..5. Default 0, because TCP
    /// already retransmits lost segments and a second attempt mostly doubles the wait for a device that is down.
    /// </summary>
    public int Retries { get; init; }

    /// <summary>Longest interval between polls of an offline device, which is polled less often the longer it stays silent. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Max registers in one read, 1..125. Some devices accept fewer than the protocol's 125.</summary>
    public int MaxRegistersPerRequest { get; init; } = ModbusLimits.MaxReadRegisters;

    /// <summary>
    /// Max coils or discrete inputs in one read, 1..2000. Default the protocol's 2000. Writes go one point at a time,
    /// so one FC15 write carries a single coil and never reaches this limit.
    /// </summary>
    public int MaxBitsPerRequest { get; init; } = ModbusLimits.MaxReadBits;

    /// <summary>Unused registers or bits between points that one read may span, 0..125. Default 0: gaps are never read.</summary>
    public int MaxGap { get; init; }

    public IReadOnlyList<ModbusPointOptions> Points { get; init; } = [];

    /// <summary>Checks the options and returns every problem as operator text in the current UI culture, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var culture = CultureInfo.CurrentUICulture;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DeviceId))
        {
            problems.Add(ModbusText.Format(culture, "OptionsDeviceIdMissing"));
            return problems;
        }

        if (DeviceId.Contains('.', StringComparison.Ordinal))
        {
            problems.Add(ModbusText.Format(culture, "OptionsDeviceIdInvalid", DeviceId));
        }

        ValidateConnection(culture, problems);
        ModbusPointValidator.Validate(DeviceId, Points, MaxRegistersPerRequest, culture, problems);
        return problems;
    }

    private void ValidateConnection(CultureInfo culture, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add(ModbusText.Format(culture, "OptionsHostMissing", DeviceId));
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPortInvalid", DeviceId, Port));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPollIntervalInvalid", DeviceId));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add(ModbusText.Format(culture, "OptionsTimeoutInvalid", DeviceId));
        }

        if (MaxRegistersPerRequest is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            problems.Add(ModbusText.Format(culture, "OptionsMaxRegistersInvalid", DeviceId, MaxRegistersPerRequest));
        }

        if (Retries is < 0 or > 5)
        {
            problems.Add(ModbusText.Format(culture, "OptionsRetriesInvalid", DeviceId, Retries));
        }

        if (MaxGap is < 0 or > ModbusLimits.MaxReadRegisters)
        {
            problems.Add(ModbusText.Format(culture, "OptionsMaxGapInvalid", DeviceId, MaxGap));
        }

        if (MaxBitsPerRequest is < 1 or > ModbusLimits.MaxReadBits)
        {
            problems.Add(ModbusText.Format(culture, "OptionsMaxBitsInvalid", DeviceId, MaxBitsPerRequest));
        }
    }
}
