using System.Globalization;
using System.IO.Ports;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>One Modbus RTU device: its slave address on a bus, how often and how patiently it is read, and its points.</summary>
public sealed class ModbusRtuDeviceOptions
{
    /// <summary>Device id in the site configuration, the first half of each point id. It may not contain a dot.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Slave address on the bus, 1..247 (Modbus over Serial Line v1.02 §2.2).</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>Time from the start of one poll to the start of the next. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time a request waits for its reply once sent, on top of the bytes' wire time. Default 500 ms.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Extra attempts after a timeout or framing error, 0..5. Default 1.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Longest interval between polls of an offline device, which is polled less often the longer it stays silent. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whose requests go first on a shared bus. Default <see cref="ModbusPollPriority.Normal"/>.</summary>
    public ModbusPollPriority Priority { get; init; } = ModbusPollPriority.Normal;

    /// <summary>Max registers in one read, 1..125. Many serial sensors accept far fewer.</summary>
    public int MaxRegistersPerRequest { get; init; } = ModbusLimits.MaxReadRegisters;

    /// <summary>
    /// Max coils or discrete inputs in one read, 1..2000. Default the protocol's 2000. Writes go one point at a time,
    /// so one FC15 write carries a single coil and never reaches this limit.
    /// </summary>
    public int MaxBitsPerRequest { get; init; } = ModbusLimits.MaxReadBits;

    /// <summary>Unused registers or bits between points that one read may span, 0..125. Default 0: gaps are never read.</summary>
    public int MaxGap { get; init; }

    public IReadOnlyList<ModbusPointOptions> Points { get; init; } = [];

    /// <summary>Checks the options with the bus's and returns every problem as operator text, or an empty list.</summary>
    public IReadOnlyList<string> Validate(ModbusRtuBusOptions bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
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

        ValidateBus(bus, culture, problems);
        ValidateDevice(culture, problems);
        ModbusPointValidator.Validate(DeviceId, Points, MaxRegistersPerRequest, culture, problems);
        return problems;
    }

    private void ValidateBus(ModbusRtuBusOptions bus, CultureInfo culture, List<string> problems)
    {
        if (bus.TunnelHost is null && string.IsNullOrWhiteSpace(bus.PortName))
        {
            problems.Add(ModbusText.Format(culture, "OptionsPortNameMissing", DeviceId));
        }

        if (bus.BaudRate is < 300 or > 4_000_000)
        {
            problems.Add(ModbusText.Format(culture, "OptionsBaudRateInvalid", DeviceId, bus.BaudRate));
        }

        if (bus.DataBits is < 7 or > 8 || !Enum.IsDefined(bus.Parity) || bus.StopBits is not (StopBits.One or StopBits.Two))
        {
            problems.Add(ModbusText.Format(culture, "OptionsSerialFormatInvalid", DeviceId, bus.DataBits, bus.Parity, bus.StopBits));
        }

        if (bus.TunnelHost is null && bus.SerialDriver == SerialPortDriver.Linux && !OperatingSystem.IsLinux())
        {
            problems.Add(ModbusText.Format(culture, "OptionsSerialDriverNotLinux", DeviceId));
        }
    }

    private void ValidateDevice(CultureInfo culture, List<string> problems)
    {
        if (UnitId is 0 or > 247)
        {
            problems.Add(ModbusText.Format(culture, "OptionsUnitIdInvalid", DeviceId, UnitId));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add(ModbusText.Format(culture, "OptionsPollIntervalInvalid", DeviceId));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add(ModbusText.Format(culture, "OptionsTimeoutInvalid", DeviceId));
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

        if (MaxRegistersPerRequest is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            problems.Add(ModbusText.Format(culture, "OptionsMaxRegistersInvalid", DeviceId, MaxRegistersPerRequest));
        }
    }
}
