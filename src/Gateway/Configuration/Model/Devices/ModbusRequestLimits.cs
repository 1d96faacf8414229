namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// How a Modbus device's points are grouped into read requests (<c>maxRegistersPerRequest</c>,
/// <c>maxBitsPerRequest</c>, <c>maxGap</c>), from the device entry or its profile. Null where neither sets the key,
/// so that the driver keeps its default and <c>devices list</c> shows only what the files set.
/// </summary>
public sealed record ModbusRequestLimits
{
    /// <summary>The protocol's limit of an FC3 or FC4 read (Modbus Application Protocol v1.1b3 §6.3).</summary>
    public const int MaxRegisters = 125;

    /// <summary>The protocol's limit of an FC1 or FC2 read (§6.1, §6.2).</summary>
    public const int MaxBits = 2000;

    /// <summary>
    /// Largest <see cref="MaxGap"/> accepted: a gap wider than one whole request gains nothing, as the points on
    /// either side then never share a request anyway.
    /// </summary>
    public const int MaxGapLimit = 125;

    public static ModbusRequestLimits None { get; } = new();

    /// <summary>Registers in one FC3 or FC4 read, 1 to 125; null for 125.</summary>
    public int? MaxRegistersPerRequest { get; init; }

    /// <summary>Coils or discrete inputs in one FC1 or FC2 read, 1 to 2000; null for 2000.</summary>
    public int? MaxBitsPerRequest { get; init; }

    /// <summary>Unused registers (or bits, for coils and discrete inputs) one read may span between points, 0 to 125; null for 0.</summary>
    public int? MaxGap { get; init; }

    /// <summary>The registers a read may hold after the device's limit.</summary>
    public int EffectiveMaxRegisters => MaxRegistersPerRequest ?? MaxRegisters;

    /// <summary>The keys the device entry or its profile sets, with their campus.yaml names, for displays that hide defaults.</summary>
    public IReadOnlyList<(string Key, int Value)> SetKeys()
    {
        var keys = new List<(string Key, int Value)>(3);
        if (MaxRegistersPerRequest is { } registers)
        {
            keys.Add(("maxRegistersPerRequest", registers));
        }

        if (MaxBitsPerRequest is { } bits)
        {
            keys.Add(("maxBitsPerRequest", bits));
        }

        if (MaxGap is { } gap)
        {
            keys.Add(("maxGap", gap));
        }

        return keys;
    }

    /// <summary>Returns these limits with each key this record leaves out taken from <paramref name="fallback"/> (a device entry over its profile).</summary>
    public ModbusRequestLimits Over(ModbusRequestLimits fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new ModbusRequestLimits
        {
            MaxRegistersPerRequest = MaxRegistersPerRequest ?? fallback.MaxRegistersPerRequest,
            MaxBitsPerRequest = MaxBitsPerRequest ?? fallback.MaxBitsPerRequest,
            MaxGap = MaxGap ?? fallback.MaxGap,
        };
    }
}
