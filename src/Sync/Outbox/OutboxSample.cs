namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Key and numeric value of one measurement in a telemetry record, given by the caller so that the outbox can
/// down-sample records without parsing their payloads. The key names one measured point, e.g. "bldgA-2F-201.co2".
/// A record may carry several, one per point in it (see <see cref="OutboxSampleSet"/>).
/// </summary>
public readonly record struct OutboxSample(string Key, double Value);
