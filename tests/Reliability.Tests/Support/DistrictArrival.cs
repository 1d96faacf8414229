namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>One record as the district received it; <paramref name="Timestamp"/> is from <see cref="TimeProvider.GetTimestamp"/>.</summary>
internal sealed record DistrictArrival(string Gateway, string Lane, long Sequence, string Type, long Timestamp)
{
    /// <summary>The record's <c>createdAt</c>: when it entered the gateway's outbox, on the same machine's wall clock.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Wall-clock time of arrival, to compare with <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset ArrivedAt { get; init; }
}
