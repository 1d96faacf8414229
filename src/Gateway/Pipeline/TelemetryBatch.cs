using System.Buffers;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The samples of one pipeline pass, held per device and appended to the outbox as one "samples" record per device
/// (more when a device's samples exceed <see cref="MaxRecordBytes"/>). One record per device poll instead of one
/// per point takes the outbox from one insert, read and delete per sample to one per poll.
/// </summary>
internal sealed class TelemetryBatch
{
    /// <summary>
    /// Maximum payload of one telemetry record in bytes, about 80 samples; a single larger sample still goes alone.
    /// </summary>
    /// <remarks>
    /// NOTE: the uplink learns the broker's Maximum Packet Size only at connect, after the record is stored. A broker
    /// that announces less than about 16.5 KiB (this plus the batch envelope) dead-letters a full record.
    /// </remarks>
    public const int MaxRecordBytes = 16 * 1024;

    private readonly Dictionary<string, DeviceSamples> _devices = new(StringComparer.Ordinal);
    private readonly List<DeviceSamples> _order = [];

    // Reused for every record: a new buffer per record grew from 1 KiB to 4 KiB each time. The outbox copies the
    // payload before AppendAsync returns, and UnstoredRecords copies one it holds, so the next record can overwrite it.
    private readonly ArrayBufferWriter<byte> _payloadBuffer = new(MaxRecordBytes + 1024);

    /// <summary>Samples held.</summary>
    public int Count { get; private set; }

    public void Add(Sample sample)
    {
        if (!_devices.TryGetValue(sample.Point.Device, out var device))
        {
            device = new DeviceSamples(sample.Point.Device);
            _devices.Add(sample.Point.Device, device);
        }

        if (device.Keyed.Count == 0 && device.Other.Count == 0)
        {
            _order.Add(device);
        }

        (IsDownsampled(sample) ? device.Keyed : device.Other).Add(sample);
        Count++;
    }

    /// <summary>
    /// Appends the held samples, devices in the order they first reported in this pass, and empties the batch. Good
    /// finite numbers go into records that may later be down-sampled. Other samples (bad quality, text, booleans) go
    /// into records of their own, which are always kept as they are.
    /// </summary>
    public void AppendTo(OutboxStore outbox, UnstoredRecords unstored, List<Task<long>> pending)
    {
        foreach (var device in _order)
        {
            Append(outbox, unstored, device.Id, device.Keyed, downsampled: true, pending);
            Append(outbox, unstored, device.Id, device.Other, downsampled: false, pending);
            device.Keyed.Clear();
            device.Other.Clear();
        }

        // The lists stay for the next pass; the devices are those of the configuration, so they do not grow without bound.
        _order.Clear();
        Count = 0;
    }

    private void Append(OutboxStore outbox, UnstoredRecords unstored, string deviceId, List<Sample> samples, bool downsampled, List<Task<long>> pending)
    {
        var start = 0;
        while (start < samples.Count)
        {
            var payload = RecordJson.SerializeSamples(deviceId, samples, start, MaxRecordBytes, _payloadBuffer, out var written);
            var keys = downsampled ? new OutboxSampleSet(deviceId, Keys(samples, start, written)) : null;
            if (unstored.AppendOrHold(outbox, OutboxLane.Telemetry, RecordJson.SamplesType, payload, keys) is { } append)
            {
                pending.Add(append);
            }

            start += written;
        }
    }

    private static OutboxSample[] Keys(List<Sample> samples, int start, int count)
    {
        var keys = new OutboxSample[count];
        for (var i = 0; i < count; i++)
        {
            var sample = samples[start + i];
            keys[i] = new OutboxSample(sample.Point.ToString(), sample.Value.Number);
        }

        return keys;
    }

    /// <summary>Good finite numbers may be down-sampled during a long outage; other samples are always kept as they are.</summary>
    private static bool IsDownsampled(Sample sample) =>
        sample.Quality == Quality.Good && sample.Value.Kind == PointValueKind.Number && double.IsFinite(sample.Value.Number);

    private sealed class DeviceSamples(string id)
    {
        public string Id { get; } = id;

        public List<Sample> Keyed { get; } = [];

        public List<Sample> Other { get; } = [];
    }
}
