using System.Text;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// The test's record of the outbox across power cuts: the records that must be there (acknowledged appends and
/// records found at an earlier open, less acknowledged deletes), the acknowledged deletes, and the deletes whose
/// outcome the cut left open. Thread-safe; producers and the drainer report to it while the outbox runs.
/// </summary>
internal sealed class OutboxLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(OutboxLane Lane, long Sequence), string> _mustExist = [];
    private readonly HashSet<(OutboxLane Lane, long Sequence)> _deleted = [];
    private readonly HashSet<(OutboxLane Lane, long Sequence)> _deleting = [];
    private bool _sealed;

    public long AcknowledgedAppends { get; private set; }

    public long AcknowledgedDeletes { get; private set; }

    public long HighestAcknowledged { get; private set; }

    public long RecordsChecked { get; private set; }

    /// <summary>
    /// Ignores every report from here until the next <see cref="Check"/>: the power is off, so an acknowledgement
    /// that comes after the frozen outbox is released was never on the disk.
    /// </summary>
    public void Seal()
    {
        lock (_gate)
        {
            _sealed = true;
        }
    }

    public void Appended(OutboxLane lane, long sequence, string payload)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return;
            }

            AcknowledgedAppends++;
            HighestAcknowledged = Math.Max(HighestAcknowledged, sequence);

            // The drainer may have seen the committed record and deleted it before this acknowledgement came.
            if (!_deleted.Contains((lane, sequence)) && !_deleting.Contains((lane, sequence)))
            {
                _mustExist[(lane, sequence)] = payload;
            }
        }
    }

    public void Deleting(OutboxLane lane, IEnumerable<long> sequences)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return;
            }

            foreach (var sequence in sequences)
            {
                _deleting.Add((lane, sequence));
                _mustExist.Remove((lane, sequence));
            }
        }
    }

    public void Deleted(OutboxLane lane, IEnumerable<long> sequences)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return;
            }

            foreach (var sequence in sequences)
            {
                _deleting.Remove((lane, sequence));
                _deleted.Add((lane, sequence));
                AcknowledgedDeletes++;
            }
        }
    }

    /// <summary>
    /// Compares a freshly opened outbox with what must be there. Returns the problems found (empty when none), then
    /// takes everything the outbox contains as the new state: what is on the disk now must survive the next cut too.
    /// </summary>
    public List<string> Check(OutboxStore store)
    {
        var problems = new List<string>();
        var present = new Dictionary<(OutboxLane Lane, long Sequence), string>();
        foreach (var lane in OutboxSnapshot.Lanes)
        {
            foreach (var record in store.PeekOldest(lane, int.MaxValue))
            {
                var payload = Encoding.UTF8.GetString(record.Payload);
                if (!payload.Contains($"\"lane\":\"{lane}\"", StringComparison.Ordinal) || record.Type != Workload.TypeOf(lane))
                {
                    problems.Add($"{lane} record {record.Sequence} reads back damaged: type '{record.Type}', payload '{Shorten(payload)}'");
                }

                present[(lane, record.Sequence)] = payload;
            }
        }

        lock (_gate)
        {
            foreach (var ((lane, sequence), payload) in _mustExist)
            {
                if (!present.TryGetValue((lane, sequence), out var found))
                {
                    problems.Add($"{lane} record {sequence} was accepted and is gone");
                }
                else if (found != payload)
                {
                    problems.Add($"{lane} record {sequence} changed: '{Shorten(found)}' instead of '{Shorten(payload)}'");
                }
            }

            foreach (var key in _deleted.Where(present.ContainsKey))
            {
                problems.Add($"{key.Lane} record {key.Sequence} came back after its delete was acknowledged");
            }

            if (store.LastSequence < HighestAcknowledged)
            {
                problems.Add($"the outbox would hand out sequence {store.LastSequence + 1} again, but {HighestAcknowledged} was acknowledged");
            }

            _sealed = false;
            RecordsChecked += _mustExist.Count;
            _mustExist.Clear();
            _deleting.Clear();
            foreach (var (key, payload) in present)
            {
                _mustExist[key] = payload;
            }
        }

        return problems;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
