using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>
/// Reads <c>maxRegistersPerRequest</c>, <c>maxBitsPerRequest</c> and <c>maxGap</c> of a modbus-tcp or modbus-rtu
/// device or of a device profile, and checks that every point fits in one read, so that the driver never meets a
/// point it cannot plan.
/// </summary>
internal static class ModbusRequestLimitsReader
{
    public const string MaxRegistersKey = "maxRegistersPerRequest";

    /// <summary>Reads the three keys of <paramref name="mapping"/>; a key left out or invalid stays null.</summary>
    public static ModbusRequestLimits ReadKeys(MappingReader mapping) => new()
    {
        MaxRegistersPerRequest = mapping.Key(MaxRegistersKey).OptionalInteger(1, ModbusRequestLimits.MaxRegisters, "50"),
        MaxBitsPerRequest = mapping.Key("maxBitsPerRequest").OptionalInteger(1, ModbusRequestLimits.MaxBits, "256"),
        MaxGap = mapping.Key("maxGap").OptionalInteger(0, ModbusRequestLimits.MaxGapLimit, "0"),
    };

    /// <summary>
    /// Returns the device's limits, each key of the device entry over its profile's, after reporting each point
    /// longer than <c>maxRegistersPerRequest</c>. The report sits at the device's <c>maxRegistersPerRequest</c>, or at
    /// its <c>profile</c> key when the profile sets the limit.
    /// </summary>
    public static ModbusRequestLimits Read(
        MappingReader device,
        ModbusProfile? profile,
        IReadOnlyList<ModbusPointConfiguration> points,
        string deviceId)
    {
        var limits = ReadKeys(device).Over(profile?.Limits ?? ModbusRequestLimits.None);
        if (limits.MaxRegistersPerRequest is not { } maximum)
        {
            return limits;
        }

        var at = device.Key(MaxRegistersKey);
        if (!at.IsPresent)
        {
            at = device.Key("profile");
        }

        foreach (var point in points)
        {
            var count = RegisterCount(point);
            if (count > maximum)
            {
                var message = new ProblemMessage(MessageKeys.PointExceedsMaxRegisters, $"{deviceId}.{point.Id}", count, maximum);
                at.Report(ConfigurationProblemKind.InvalidCombination, at.RawText, message);
            }
        }

        return limits;
    }

    /// <summary>Registers one read of the point takes; coils and discrete inputs are bits and count 0.</summary>
    private static int RegisterCount(ModbusPointConfiguration point) => point switch
    {
        { Function: ModbusFunction.Coil or ModbusFunction.DiscreteInput } => 0,
        { Bit: not null } => 1,
        _ => ModbusPointReader.RegisterCount(point.DataType, point.Length),
    };
}
