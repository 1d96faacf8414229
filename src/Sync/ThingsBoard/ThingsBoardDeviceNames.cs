namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// ThingsBoard device names of campus devices: "{school}/{device}". ThingsBoard keys devices by name per tenant, and
/// device ids such as "gate-east" repeat across schools, so the school id makes the name unique in the district.
/// </summary>
public static class ThingsBoardDeviceNames
{
    public static string Of(string schoolId, string deviceId) => $"{schoolId}/{deviceId}";

    /// <summary>Returns the campus device id of a ThingsBoard device name of this school, or null for any other name.</summary>
    public static string? DeviceId(string schoolId, string? name)
    {
        var prefix = schoolId + "/";
        if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length)
        {
            return null;
        }

        return name[prefix.Length..];
    }
}
