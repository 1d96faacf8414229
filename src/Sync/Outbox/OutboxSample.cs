namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Key and numeric value of a telemetry record, given by the caller so that the outbox can down-sample records
/// without parsing their payloads. The key names one measured point, e.g. "bldgA-2F-201.co2".
/// </summary>
public readonly record struct OutboxSample(string Key, double Value);
