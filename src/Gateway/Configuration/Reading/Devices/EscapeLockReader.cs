using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>
/// Reads <c>escapeLock</c>, which marks a GPIO output or Modbus coil that drives the lock of a door on an escape route.
/// The point's value reads "locked", so <c>false</c> is the unlocked level, and its <c>safeState</c> must be
/// <c>false</c>: a gateway that starts, stops or loses its rule engine must never lock an escape door.
/// </summary>
internal static class EscapeLockReader
{
    public const string Key = "escapeLock";

    /// <summary>
    /// Returns whether the point is an escape lock and records it in <paramref name="device"/>. A point that cannot
    /// drive a lock (an input, a register) gets a problem.
    /// </summary>
    public static bool Read(MappingReader point, DeviceEntry device, string? pointId, bool isOutput)
    {
        var escapeLock = point.Key(Key);
        if (escapeLock.OptionalBoolean("true") != true)
        {
            return false;
        }

        if (!isOutput)
        {
            escapeLock.Report(ConfigurationProblemKind.InvalidCombination, escapeLock.RawText, new ProblemMessage(MessageKeys.EscapeLockNotOutput));
            return false;
        }

        if (pointId is not null)
        {
            device.AddEscapeLock(pointId);
        }

        return true;
    }

    /// <summary>
    /// Reports a <c>safeState</c> of an escape lock at the locked level, and a missing one when
    /// <paramref name="reportMissing"/> (a GPIO output reports its own missing safeState).
    /// </summary>
    public static void CheckSafeState(MappingReader point, DeviceEntry device, string? pointId, bool? safeState, bool reportMissing)
    {
        var safeStateValue = point.Key("safeState");
        var id = $"{device.Id}.{pointId}";
        if (reportMissing && safeState is null && !safeStateValue.IsPresent)
        {
            var missing = new ProblemMessage(MessageKeys.EscapeLockSafeStateLocked, id, "safeState: false");
            point.Context.Problems.Add(ConfigurationProblemKind.MissingKey, point.Key(Key).Node!.Start, KeyPath.Child(point.Path, "safeState"), null, missing);
        }
        else if (safeState == true)
        {
            safeStateValue.Report(ConfigurationProblemKind.InvalidValue, safeStateValue.RawText, new ProblemMessage(MessageKeys.EscapeLockSafeStateLocked, id, "safeState: false"));
        }
    }
}
