using System.Text.Json;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Marker of a configuration update from the district that has been written but not yet confirmed, kept beside the
/// configuration file as "&lt;file&gt;.pending". <see cref="StartAttempts"/> counts the starts on the new file. A start
/// that finds it above zero rolls back, because the previous start with the new file never confirmed it. A planned
/// restart during the trial sets it back to zero first. <see cref="DistrictRequired"/> makes the trial wait for a
/// district connection too. <see cref="TrialStartedAt"/> is the wall-clock time of the start on trial, for messages.
/// </summary>
public sealed record PendingConfiguration(
    string CommandId,
    string NewVersion,
    string PreviousVersion,
    int StartAttempts,
    bool DistrictRequired = false,
    DateTimeOffset? TrialStartedAt = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Path of the marker of <paramref name="configurationPath"/>.</summary>
    public static string MarkerPath(string configurationPath) => configurationPath + ".pending";

    /// <summary>Path of the copy of the configuration that ran before the update; kept after it is confirmed too.</summary>
    public static string PreviousPath(string configurationPath) => configurationPath + ".previous";

    /// <summary>Returns the marker, or null when there is none or it cannot be read (then it is of no use).</summary>
    public static PendingConfiguration? Read(string configurationPath)
    {
        try
        {
            return JsonSerializer.Deserialize<PendingConfiguration>(File.ReadAllBytes(MarkerPath(configurationPath)), Json);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the marker durably (temporary file, fsync, rename).</summary>
    public void Write(string configurationPath) =>
        DurableFile.Replace(MarkerPath(configurationPath), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Deletes the marker durably: a marker back after a power cut would roll back a confirmed update.</summary>
    public static void Delete(string configurationPath) => DurableFile.Delete(MarkerPath(configurationPath));
}
