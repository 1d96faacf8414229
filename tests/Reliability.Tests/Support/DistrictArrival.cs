namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>One record as the district received it; <paramref name="Timestamp"/> is from <see cref="TimeProvider.GetTimestamp"/>.</summary>
internal sealed record DistrictArrival(string Gateway, string Lane, long Sequence, string Type, long Timestamp);
