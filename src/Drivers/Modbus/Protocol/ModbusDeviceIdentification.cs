namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>
/// A device's identification objects, gathered over as many FC43/14 requests as the device needs (§6.21). A stream
/// access reply that does not hold every object says "more follows" and names the next object id, and the next
/// request asks from there with the same read code.
/// </summary>
public sealed class ModbusDeviceIdentification
{
    private readonly SortedDictionary<byte, ModbusDeviceIdObject> _objects;

    private ModbusDeviceIdentification(byte conformityLevel, SortedDictionary<byte, ModbusDeviceIdObject> objects)
    {
        ConformityLevel = conformityLevel;
        _objects = objects;
    }

    /// <summary>Conformity level of the last reply (see <see cref="ModbusDeviceIdResponse.ConformityLevel"/>).</summary>
    public byte ConformityLevel { get; }

    /// <summary>Every object received, by ascending object id. A repeated object id keeps its first value.</summary>
    public IReadOnlyCollection<ModbusDeviceIdObject> Objects => _objects.Values;

    public string? VendorName => TextOf(0x00);

    public string? ProductCode => TextOf(0x01);

    public string? MajorMinorRevision => TextOf(0x02);

    public string? VendorUrl => TextOf(0x03);

    public string? ProductName => TextOf(0x04);

    public string? ModelName => TextOf(0x05);

    public string? UserApplicationName => TextOf(0x06);

    /// <summary>
    /// Reads all objects of <paramref name="readCode"/> (basic, regular or extended stream access), following
    /// "more follows" until the device says it is done, or the one object <paramref name="firstObjectId"/> with
    /// <see cref="ModbusDeviceIdReadCode.Individual"/>.
    /// </summary>
    /// <param name="client">The link to the device.</param>
    /// <param name="deviceId">Device name for error messages.</param>
    /// <param name="unitId">Unit id of the device.</param>
    /// <param name="readCode">Which objects to read.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    /// <param name="firstObjectId">Object id to start at, or the one object to read with individual access.</param>
    /// <exception cref="ModbusProtocolException">
    /// A continuation would not advance: its next object id is not above the object id of the previous request.
    /// Each request must advance, so the loop ends after at most 256 requests.
    /// </exception>
    public static async Task<ModbusDeviceIdentification> ReadAsync(
        IModbusClient client,
        string deviceId,
        byte unitId,
        ModbusDeviceIdReadCode readCode,
        CancellationToken cancellationToken,
        byte firstObjectId = 0)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deviceId);

        var objects = new SortedDictionary<byte, ModbusDeviceIdObject>();
        var objectId = firstObjectId;
        var requests = 0;
        while (true)
        {
            requests++;
            var response = await client.ReadDeviceIdentificationAsync(unitId, readCode, objectId, cancellationToken);
            foreach (var item in response.Objects)
            {
                objects.TryAdd(item.Id, item);
            }

            if (!response.MoreFollows || readCode == ModbusDeviceIdReadCode.Individual)
            {
                return new ModbusDeviceIdentification(response.ConformityLevel, objects);
            }

            // A device restarts a stream at object 0 when asked for an object it lacks (§6.21), so only a
            // continuation, never the first request, must name an object id above the one it asked for.
            if (requests > 1 && response.NextObjectId <= objectId)
            {
                throw new ModbusProtocolException(
                    deviceId,
                    unitId,
                    ModbusFunctionCode.EncapsulatedInterfaceTransport,
                    objectId,
                    ModbusProtocolError.DeviceIdStalled,
                    response.NextObjectId,
                    objectId);
            }

            objectId = response.NextObjectId;
        }
    }

    /// <summary>Returns the object with <paramref name="objectId"/> as ASCII text, or null when the device did not send it.</summary>
    public string? TextOf(byte objectId) => _objects.TryGetValue(objectId, out var item) ? item.Text : null;
}
