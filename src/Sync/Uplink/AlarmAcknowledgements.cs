using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Alarm records already counted as sent. The main connection and the alarm connection both publish every alarm they
/// find in the outbox, so one alarm may be acknowledged on both. It counts once, at the first PUBACK from either.
/// Thread-safe, because the two connections receive their PUBACKs at the same time.
/// </summary>
/// <remarks>
/// Each connection publishes the alarm lane in increasing sequence, so the highest sequence counted is enough to tell
/// a new record from a second copy.
/// NOTE: a batch the alarm connection left to the main connection (see <see cref="AlarmConnection"/>) may be
/// acknowledged after a later alarm, and then does not count.
/// </remarks>
internal sealed class AlarmAcknowledgements
{
    private readonly Lock _lock = new();
    private long _countedUpTo;

    /// <summary>Returns how many of the acknowledged records (lowest sequence first) were not counted before, and counts them.</summary>
    public int CountNew(IReadOnlyList<OutboxRecord> records)
    {
        lock (_lock)
        {
            var added = 0;
            foreach (var record in records)
            {
                if (record.Sequence > _countedUpTo)
                {
                    _countedUpTo = record.Sequence;
                    added++;
                }
            }

            return added;
        }
    }
}
