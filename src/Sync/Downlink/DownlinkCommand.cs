using System.Text.Json;

namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>A command from the district after its signature, expiry and id were checked; see docs/district-topics.md.</summary>
public sealed record DownlinkCommand(
    string Id,
    string Type,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? Origin,
    JsonElement Payload);
