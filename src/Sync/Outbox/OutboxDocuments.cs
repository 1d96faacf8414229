using System.Text;
using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// BSON layout of the outbox collections. Field names are short because every record carries them on disk:
/// _id = sequence (Int64), t = type, p = payload (binary UTF-8 JSON), c = created time (UTC ticks, Int64), and for
/// telemetry appended with one <see cref="OutboxSample"/> grouped by its key: k = sample key, v = sample value (Double);
/// for telemetry appended with any other <see cref="OutboxSampleSet"/>: g = group, s = the measurements in the binary
/// form of <see cref="OutboxSampleBlob"/>; for a record made
/// before the clock was synchronised: u = true, m = monotonic ticks, b = boot id (see <see cref="OutboxClockAnchors"/>).
/// The "meta" collection contains one document with the sequence high-water mark and the per-lane byte and drop totals.
/// </summary>
internal static class OutboxDocuments
{
    public const string MetaCollection = "meta";

    /// <summary>Records the district could never take: the record fields plus l = lane, r = reason, a = time moved (UTC ticks).</summary>
    public const string DeadLetterCollection = "deadletter";

    /// <summary>
    /// Estimated bytes a record takes on disk beyond its payload and type: BSON field names and lengths, the _id
    /// index node and page slack. An estimate from LiteDB's page layout, not a measurement of every file.
    /// </summary>
    public const int RecordOverheadBytes = 150;

    private const string StateId = "state";

    public static BsonDocument ToDocument(long sequence, string type, byte[] payload, DateTimeOffset createdAt, OutboxSampleSet? samples)
    {
        var document = new BsonDocument
        {
            ["_id"] = sequence,
            ["t"] = type,
            ["p"] = payload,
            ["c"] = createdAt.UtcTicks,
        };

        if (samples is { IsSingle: true })
        {
            document["k"] = samples.Samples[0].Key;
            document["v"] = samples.Samples[0].Value;
        }
        else if (samples is not null)
        {
            document["g"] = samples.Group;
            document["s"] = OutboxSampleBlob.Encode(samples.Samples);
        }

        return document;
    }

    /// <summary>Reads the group and measurements of a telemetry record in either layout; null for a record without any.</summary>
    public static (string Group, List<OutboxSample> Samples)? ReadSamples(BsonDocument document)
    {
        if (document["k"].IsString && document["v"].IsNumber)
        {
            var key = document["k"].AsString;
            return (key, [new OutboxSample(key, document["v"].AsDouble)]);
        }

        if (document["g"].IsString && document["s"].IsBinary)
        {
            return (document["g"].AsString, OutboxSampleBlob.Decode(document["s"].AsBinary));
        }

        return null;
    }

    /// <summary>Marks a record made before the clock was synchronised, with what its correction needs.</summary>
    public static void MarkUnsynchronised(BsonDocument document, long monotonicTicks, string bootId)
    {
        document["u"] = true;
        document["m"] = monotonicTicks;
        document["b"] = bootId;
    }

    public static OutboxRecord ToRecord(BsonDocument document, OutboxLane lane, OutboxClockAnchors? anchors = null)
    {
        var createdAt = new DateTimeOffset(document["c"].AsInt64, TimeSpan.Zero);
        if (!document["u"].IsBoolean)
        {
            return new OutboxRecord(document["_id"].AsInt64, lane, document["t"].AsString, document["p"].AsBinary, createdAt);
        }

        var clock = OutboxClockState.Unsynchronised;
        var corrected = createdAt;
        if (anchors is not null && anchors.TryGet(document["b"].AsString, out var anchor) && document["m"].AsInt64 <= anchor.Monotonic)
        {
            clock = OutboxClockState.Corrected;
            corrected = new DateTimeOffset(anchor.Wall - (anchor.Monotonic - document["m"].AsInt64), TimeSpan.Zero);
        }

        return new OutboxRecord(document["_id"].AsInt64, lane, document["t"].AsString, document["p"].AsBinary, corrected)
        {
            Clock = clock,
            RecordedAt = createdAt,
        };
    }

    public static long EstimateBytes(string type, int payloadLength) =>
        RecordOverheadBytes + Encoding.UTF8.GetByteCount(type) + payloadLength;

    public static long EstimateBytes(BsonDocument document) =>
        EstimateBytes(document["t"].AsString, document["p"].AsBinary.Length);

    /// <summary>
    /// Creates the lane and meta collections that do not exist yet, before any reader or the writer thread starts.
    /// In LiteDB 5.0.21 a query on a collection that does not exist, running while another thread's transaction
    /// creates it, can fail with "page type must be collection page" and close the engine (reproduced here with one
    /// reader thread and one writer thread).
    /// </summary>
    public static void CreateCollections(LiteDatabase database)
    {
        var existing = database.GetCollectionNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = OutboxLaneNames.All.Select(OutboxLaneNames.Of).Append(MetaCollection).Append(DeadLetterCollection).Where(name => !existing.Contains(name)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // LiteDB creates a collection on its first insert; the placeholder never outlives the transaction.
        database.BeginTrans();
        foreach (var name in missing)
        {
            var collection = database.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "placeholder" });
            collection.Delete("placeholder");
        }

        if (!database.Commit())
        {
            throw new InvalidOperationException("LiteDB did not commit the creation of the outbox collections.");
        }
    }

    /// <summary>Reads the high-water mark and the per-lane bytes and drops; null for a database never written to.</summary>
    public static long? LoadState(LiteDatabase database, LaneTotals totals)
    {
        var state = database.GetCollection(MetaCollection).FindById(StateId);
        if (state is null)
        {
            return null;
        }

        foreach (var lane in OutboxLaneNames.All)
        {
            var entry = state["lanes"][OutboxLaneNames.Of(lane)];
            if (entry.IsDocument)
            {
                totals.Add(lane, 0, entry["bytes"].AsInt64);
                totals.AddDropped(lane, entry["dropped"].AsInt64);
                if (entry["downsampled"].IsNumber)
                {
                    totals.AddDownsampled(lane, entry["downsampled"].AsInt64);
                }

                if (entry["deadLettered"].IsNumber)
                {
                    totals.AddDeadLettered(lane, entry["deadLettered"].AsInt64);
                }
            }
        }

        return state["lastSequence"].AsInt64;
    }

    /// <summary>Writes the high-water mark and totals; call inside the transaction that changed them.</summary>
    public static void SaveState(LiteDatabase database, long lastSequence, LaneTotals totals)
    {
        var lanes = new BsonDocument();
        foreach (var lane in OutboxLaneNames.All)
        {
            lanes[OutboxLaneNames.Of(lane)] = new BsonDocument
            {
                ["bytes"] = totals.Bytes(lane),
                ["dropped"] = totals.Dropped(lane),
                ["downsampled"] = totals.Downsampled(lane),
                ["deadLettered"] = totals.DeadLettered(lane),
            };
        }

        var state = new BsonDocument
        {
            ["_id"] = StateId,
            ["lastSequence"] = lastSequence,
            ["lanes"] = lanes,
        };

        database.GetCollection(MetaCollection).Upsert(state);
    }
}
