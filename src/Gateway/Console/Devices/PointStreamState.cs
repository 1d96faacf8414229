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
/// a second on the large object heap. The buffer is sent whenever it contains <see cref="ChunkBytes"/>, so it keeps
/// its first size of 64 KiB. The first message of a 10,000-point page is about 1 MB, and a buffer that took it whole
/// stayed at 1 MiB for as long as the page was open (docs/benchmarks/gateway.md).
/// </summary>
internal sealed class PointStreamState
{
    /// <summary>Bytes written before they are sent: half the buffer's first size, so that one more entry still fits.</summary>
    private const int ChunkBytes = 32 * 1024;

    private static readonly byte[] DataPrefix = "\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly string?[] _qualityTexts = new string?[Enum.GetValues<Quality>().Length];

    // The sample last sent for each position of the point table's snapshot. The table never removes a point and
    // keeps its snapshot in one order, so a position refers to the same point until a new point reports. Then
    // Realign moves the entries to the new positions. Comparing by position instead of looking up every point by
    // its id each second saves 10,000 dictionary lookups a second at 10,000 points.
    private Sample?[] _sentPoints = [];
    private readonly Dictionary<string, (bool? Online, DateTimeOffset? LastSeen, string? Reason)> _sentDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * ChunkBytes);
    private long _sentBytes;

    // Built again only when the site configuration object changes, which an applied configuration does.
    private SiteConfiguration? _booleansSite;
    private BooleanTexts _booleans = BooleanTexts.None;

    /// <summary>
    /// Writes to <paramref name="destination"/> a points event with the samples of <paramref name="snapshot"/> not
    /// sent before, and a devices event with the devices whose state or last-seen time changed, as UTF-8. An event with
    /// nothing in it is left out. Returns false when nothing was written. Does not flush
    /// <paramref name="destination"/>.
    /// </summary>
    public Task<bool> WriteChangesAsync(IReadOnlyList<Sample> snapshot, SiteConfiguration site, DeviceStatusTable devices, Stream destination, CancellationToken cancellationToken)
    {
        _lastSeen.Clear();
        foreach (var sample in snapshot)
        {
            if (sample.Quality == Quality.Good && (!_lastSeen.TryGetValue(sample.Point.Device, out var seen) || sample.GatewayTime > seen))
            {
                _lastSeen[sample.Point.Device] = sample.GatewayTime;
            }
        }

        return WriteAsync(snapshot, site, devices, destination, cancellationToken);
    }

    /// <summary>
    /// Writes the changes of <paramref name="points"/> as the snapshot overload does, but a device's last-seen time
    /// is that of its latest good sample even when its points now hold bad ones, so an offline device keeps it.
    /// </summary>
    public Task<bool> WriteChangesAsync(PointTable points, SiteConfiguration site, DeviceStatusTable devices, Stream destination, CancellationToken cancellationToken)
    {
        var snapshot = points.Snapshot();
        points.CollectLastGood(_lastSeen);
        return WriteAsync(snapshot, site, devices, destination, cancellationToken);
    }

    private async Task<bool> WriteAsync(IReadOnlyList<Sample> snapshot, SiteConfiguration site, DeviceStatusTable devices, Stream destination, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        _sentBytes = 0;
        if (!ReferenceEquals(site, _booleansSite))
        {
            _booleans = BooleanTexts.From(site);
            _booleansSite = site;
        }

        await WritePointsAsync(snapshot, destination, cancellationToken);
        await WriteDevicesAsync(site, devices, destination, cancellationToken);
        if (_buffer.WrittenCount > 0)
        {
            await SendAsync(destination, cancellationToken);
        }

        return _sentBytes > 0;
    }

    private async Task WritePointsAsync(IReadOnlyList<Sample> snapshot, Stream destination, CancellationToken cancellationToken)
    {
        if (_sentPoints.Length != snapshot.Count)
        {
            Realign(snapshot);
        }

        // The quality texts depend on the request's UI culture only, so each is looked up once per update.
        Array.Clear(_qualityTexts);
        Utf8JsonWriter? json = null;
        for (var i = 0; i < snapshot.Count; i++)
        {
            var sample = snapshot[i];
            var last = _sentPoints[i];
            if (last is not null && last.Point != sample.Point)
            {
                Realign(snapshot);
                last = _sentPoints[i];
            }

            if (ReferenceEquals(last, sample))
            {
                continue;
            }

            json ??= StartEvent("points"u8);
            json.WriteStartObject();
            PointIdJson.Write(json, "id"u8, sample.Point);
            PointFormat.WriteValue(json, "value"u8, sample, _booleans);
            json.WriteString("quality"u8, QualityText(sample.Quality));
            json.WriteString("qualityClass"u8, PointFormat.QualityClass(sample));
            PointFormat.WriteTime(json, "time"u8, sample);
            json.WriteEndObject();
            _sentPoints[i] = sample;
            await SendWhenFullAsync(json, destination, cancellationToken);
        }

        EndEvent(json);
    }

    /// <summary>Moves what was sent for each point to that point's position in <paramref name="snapshot"/>.</summary>
    private void Realign(IReadOnlyList<Sample> snapshot)
    {
        var sent = new Dictionary<PointId, Sample>(_sentPoints.Length);
        foreach (var sample in _sentPoints)
        {
            if (sample is not null)
            {
                sent[sample.Point] = sample;
            }
        }

        var aligned = new Sample?[snapshot.Count];
        for (var i = 0; i < snapshot.Count; i++)
        {
            aligned[i] = sent.GetValueOrDefault(snapshot[i].Point);
        }

        _sentPoints = aligned;
    }

    private string QualityText(Quality quality)
    {
        var index = (int)quality;
        if ((uint)index >= (uint)_qualityTexts.Length)
        {
            return PointFormat.Quality(quality);
        }

        return _qualityTexts[index] ??= PointFormat.Quality(quality);
    }

    private async Task WriteDevicesAsync(SiteConfiguration site, DeviceStatusTable devices, Stream destination, CancellationToken cancellationToken)
    {

        Utf8JsonWriter? json = null;
        foreach (var device in site.Devices)
        {
            var state = (devices.IsOnline(device.Id), _lastSeen.TryGetValue(device.Id, out var seen) ? seen : (DateTimeOffset?)null, devices.OfflineReason(device.Id));
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
            json.WriteString("reason"u8, PointFormat.OfflineReason(state.Item3));
            json.WriteEndObject();
            await SendWhenFullAsync(json, destination, cancellationToken);
        }

        EndEvent(json);
    }

    /// <summary>
    /// Sends the buffer once it contains <see cref="ChunkBytes"/> with what <paramref name="json"/> has pending. The
    /// JSON writer requests new memory from the buffer after its flush, so it goes on with the same event.
    /// </summary>
    private ValueTask SendWhenFullAsync(Utf8JsonWriter json, Stream destination, CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount + json.BytesPending < ChunkBytes)
        {
            return ValueTask.CompletedTask;
        }

        json.Flush();
        return new ValueTask(SendAsync(destination, cancellationToken));
    }

    /// <summary>Sends the buffer's contents and empties it.</summary>
    private async Task SendAsync(Stream destination, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _sentBytes += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }

    private Utf8JsonWriter StartEvent(ReadOnlySpan<byte> name)
    {
        _buffer.Write("event: "u8);
        _buffer.Write(name);
        _buffer.Write(DataPrefix);
        var json = new Utf8JsonWriter(_buffer, ReadableJson.WriterOptions);
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
