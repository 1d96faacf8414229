using System.Text.Json;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>One record as a district subscriber receives it inside a batch.</summary>
internal sealed record DistrictRecord(string Lane, long Sequence, string Type, JsonElement Payload)
{
    public static IEnumerable<DistrictRecord> ParseBatch(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var lane = root.GetProperty("lane").GetString()!;
        var records = new List<DistrictRecord>();
        foreach (var record in root.GetProperty("records").EnumerateArray())
        {
            records.Add(new DistrictRecord(
                lane,
                record.GetProperty("sequence").GetInt64(),
                record.GetProperty("type").GetString()!,
                record.GetProperty("payload").Clone()));
        }

        return records;
    }
}
