using System.Collections.Concurrent;
using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// The first synchronised moment of each boot, as (wall ticks, monotonic ticks), kept in the meta collection. A
/// record made earlier in the same boot gets the time anchor wall - (anchor monotonic - record monotonic): its
/// distance to the anchor on the monotonic clock, which the clock step at synchronisation does not affect.
/// <see cref="PendingBoot"/> names the boot whose unsynchronised records still wait for an anchor.
/// </summary>
internal sealed class OutboxClockAnchors
{
    private const string ClockId = "clock";
    private const int MaxAnchors = 16;

    private readonly ConcurrentDictionary<string, (long Wall, long Monotonic)> _anchors = new(StringComparer.Ordinal);

    public string? PendingBoot { get; set; }

    public bool TryGet(string bootId, out (long Wall, long Monotonic) anchor) => _anchors.TryGetValue(bootId, out anchor);

    public void Set(string bootId, long wallTicks, long monotonicTicks) => _anchors[bootId] = (wallTicks, monotonicTicks);

    public void Load(LiteDatabase database)
    {
        var document = database.GetCollection(OutboxDocuments.MetaCollection).FindById(ClockId);
        if (document is null)
        {
            return;
        }

        PendingBoot = document["pending"].IsString ? document["pending"].AsString : null;
        if (document["anchors"].IsDocument)
        {
            foreach (var (bootId, value) in document["anchors"].AsDocument)
            {
                Set(bootId, value["w"].AsInt64, value["m"].AsInt64);
            }
        }
    }

    /// <summary>Writes the anchors inside the open transaction; keeps the newest few boots, which is all a backlog spans.</summary>
    public void Save(LiteDatabase database)
    {
        var anchors = new BsonDocument();
        foreach (var (bootId, (wall, monotonic)) in _anchors.OrderByDescending(pair => pair.Value.Wall).Take(MaxAnchors))
        {
            anchors[bootId] = new BsonDocument { ["w"] = wall, ["m"] = monotonic };
        }

        database.GetCollection(OutboxDocuments.MetaCollection).Upsert(new BsonDocument
        {
            ["_id"] = ClockId,
            ["pending"] = PendingBoot is null ? BsonValue.Null : PendingBoot,
            ["anchors"] = anchors,
        });
    }
}
