using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Pages;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>
/// What one open devices page has been sent, and the server-sent events that bring it up to date. One point table
/// snapshot serves both the points and the devices event of a tick. The events are written as UTF-8 straight into a
/// reused buffer, because at 10,000 points and 2,000 changes a second the JSON and event strings came to about 1 MB
/// a second on the large object heap (docs/benchmarks/gateway.md).
/// </summary>
internal sealed class PointStreamState
{
    private static readonly byte[] DataPrefix = "\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly Dictionary<PointId, Sample> _sentPoints = [];
    private readonly Dictionary<string, (bool? Online, DateTimeOffset? LastSeen)> _sentDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    /// <summary>
    /// Writes into <see cref="Pending"/> a points event with the samples of <paramref name="snapshot"/> not sent
    /// before, and a devices event with the devices whose state or last-seen time changed. An event with nothing in
    /// it is left out. Clears what the previous call wrote.
    /// </summary>
    public void Update(IReadOnlyList<Sample> snapshot, SiteConfiguration site, DeviceStatusTable devices)
    {
        _buffer.ResetWrittenCount();
        WritePoints(snapshot);
        WriteDevices(snapshot, site, devices);
    }

    /// <summary>The events of the last <see cref="Update"/>, UTF-8; empty when nothing changed.</summary>
    public ReadOnlyMemory<byte> Pending => _buffer.WrittenMemory;

    private void WritePoints(IReadOnlyList<Sample> snapshot)
    {
        Utf8JsonWriter? json = null;
        foreach (var sample in snapshot)
        {
            if (_sentPoints.TryGetValue(sample.Point, out var last) && ReferenceEquals(last, sample))
            {
                continue;
            }

            json ??= StartEvent("points"u8);
            json.WriteStartObject();
            json.WriteString("id"u8, sample.Point.ToString());
            json.WriteString("value"u8, PointFormat.Value(sample));
            json.WriteString("quality"u8, PointFormat.Quality(sample));
            json.WriteString("qualityClass"u8, PointFormat.QualityClass(sample));
            json.WriteString("time"u8, PointFormat.Time(sample));
            json.WriteEndObject();
            _sentPoints[sample.Point] = sample;
        }

        EndEvent(json);
    }

    private void WriteDevices(IReadOnlyList<Sample> snapshot, SiteConfiguration site, DeviceStatusTable devices)
    {
        _lastSeen.Clear();
        foreach (var sample in snapshot)
        {
            if (sample.Quality == Quality.Good && (!_lastSeen.TryGetValue(sample.Point.Device, out var seen) || sample.GatewayTime > seen))
            {
                _lastSeen[sample.Point.Device] = sample.GatewayTime;
            }
        }

        Utf8JsonWriter? json = null;
        foreach (var device in site.Devices)
        {
            var state = (devices.IsOnline(device.Id), _lastSeen.TryGetValue(device.Id, out var seen) ? seen : (DateTimeOffset?)null);
            if (_sentDevices.TryGetValue(device.Id, out var last) && last == state)
            {
                continue;
            }

            _sentDevices[device.Id] = state;
            var (text, cssClass) = PointFormat.Online(state.Item1);
            json ??= StartEvent("devices"u8);
            json.WriteStartObject();
            json.WriteString("id"u8, device.Id);
            json.WriteString("online"u8, text);
            json.WriteString("onlineClass"u8, cssClass);
            json.WriteString("lastSeen"u8, Html.Time(state.Item2));
            json.WriteEndObject();
        }

        EndEvent(json);
    }

    private Utf8JsonWriter StartEvent(ReadOnlySpan<byte> name)
    {
        _buffer.Write("event: "u8);
        _buffer.Write(name);
        _buffer.Write(DataPrefix);
        var json = new Utf8JsonWriter(_buffer);
        json.WriteStartArray();
        return json;
    }

    private void EndEvent(Utf8JsonWriter? json)
    {
        if (json is null)
        {
            return;
        }

        json.WriteEndArray();
        json.Flush();
        json.Dispose();
        _buffer.Write(EventEnd);
    }
}
