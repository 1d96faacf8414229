namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>Figures of one key's values within one down-sampling interval.</summary>
/// <param name="Key">The key, e.g. "bldgA-2F-201.co2".</param>
/// <param name="Count">Number of values summarised.</param>
public sealed record OutboxPointSummary(string Key, int Count, double Min, double Max, double Mean);
