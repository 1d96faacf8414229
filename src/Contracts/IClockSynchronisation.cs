namespace SmartCampus.Edge.Contracts;

/// <summary>
/// Whether the gateway's wall clock is synchronised (by NTP or another time source). A board without a real-time
/// clock starts at a wrong date until the first synchronisation; records made before it are marked and corrected.
/// Tests pass a fake.
/// </summary>
public interface IClockSynchronisation
{
    /// <summary>Asks the system now; may take a system call, so callers cache it for about a second.</summary>
    bool IsSynchronised { get; }
}
