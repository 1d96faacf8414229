namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>How far the wall-clock time of an outbox record can be trusted.</summary>
public enum OutboxClockState
{
    /// <summary>The clock was synchronised when the record was made.</summary>
    Synchronised,

    /// <summary>Made before the clock was synchronised, and not corrected yet (no synchronisation since, in that boot).</summary>
    Unsynchronised,

    /// <summary>Made before the clock was synchronised; the time was corrected from the monotonic clock of the same boot.</summary>
    Corrected,
}
