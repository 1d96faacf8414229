using System.Text;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// Drives one open outbox until the power goes: producers append to each lane (payloads of 30 bytes to 6 KiB, so
/// records span LiteDB pages), a drainer deletes the oldest records as the uplink does after a PUBACK, and a
/// compaction may run in between. Every acknowledgement goes to the <see cref="OutboxLedger"/>.
/// </summary>
internal sealed class Workload(OutboxStore store, SimulatedDisk disk, OutboxLedger ledger, Random random)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _failures = new();
    private int _counter;

    /// <summary>Errors the outbox raised while the power was still on; each one is a finding.</summary>
    public IReadOnlyCollection<Exception> Failures => _failures;

    public static string TypeOf(OutboxLane lane) => lane switch
    {
        OutboxLane.Alarms => "alarm.raised",
        OutboxLane.Events => "device.online",
        _ => "sample",
    };

    /// <summary>Runs the phase; returns when the power is off or the work is done.</summary>
    public async Task RunAsync(string phase, int appendsPerLane)
    {
        var seeds = Enumerable.Range(0, 5).Select(_ => random.Next()).ToArray();
        var tasks = new List<Task>();
        if (phase != "drain")
        {
            tasks.AddRange(OutboxSnapshot.Lanes.Select((lane, index) => Task.Run(() => ProduceAsync(lane, appendsPerLane, new Random(seeds[index])))));
        }
        else
        {
            tasks.Add(Task.Run(() => ProduceAsync(OutboxLane.Alarms, appendsPerLane / 10, new Random(seeds[0]))));
        }

        using var stop = new CancellationTokenSource();
        // On the thread pool: a read can block behind the frozen writer, and must not block the test's own thread.
        var drainer = phase == "ingest" ? Task.CompletedTask : Task.Run(() => DrainAsync(new Random(seeds[3]), stop.Token));
        if (phase == "compact")
        {
            tasks.Add(Task.Run(() => CompactAsync(new Random(seeds[4]))));
        }

        await Task.WhenAll(tasks);
        if (phase == "drain")
        {
            // A drain phase runs until the backlog is gone or the power is.
            await WaitAsync(() => disk.IsCut || OutboxSnapshot.Lanes.All(lane => store.Count(lane) == 0));
        }

        await stop.CancelAsync();
        await drainer;
    }

    private async Task ProduceAsync(OutboxLane lane, int count, Random generator)
    {
        for (var index = 0; index < count && !disk.IsCut; index++)
        {
            var payload = $"{{\"lane\":\"{lane}\",\"n\":{Interlocked.Increment(ref _counter)},\"pad\":\"{new string('x', generator.Next(0, 6000))}\"}}";
            try
            {
                var sequence = await store.AppendAsync(lane, TypeOf(lane), Encoding.UTF8.GetBytes(payload), CancellationToken.None);
                ledger.Appended(lane, sequence, payload);
            }
            catch (Exception exception)
            {
                Fail(exception);
                return;
            }
        }
    }

    private async Task DrainAsync(Random generator, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !disk.IsCut)
        {
            var lane = OutboxSnapshot.Lanes[generator.Next(OutboxSnapshot.Lanes.Length)];
            try
            {
                var batch = store.PeekOldest(lane, generator.Next(1, 40)).Select(record => record.Sequence).ToList();
                if (batch.Count == 0)
                {
                    await Task.Yield();
                    continue;
                }

                ledger.Deleting(lane, batch);
                await store.DeleteAsync(lane, batch, CancellationToken.None);
                ledger.Deleted(lane, batch);
            }
            catch (Exception exception)
            {
                Fail(exception);
                return;
            }
        }
    }

    private async Task CompactAsync(Random generator)
    {
        await Task.Delay(generator.Next(0, 20));
        try
        {
            await store.CompactAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
    }

    /// <summary>After the cut every error is expected; before it, none is.</summary>
    private void Fail(Exception exception)
    {
        if (!disk.IsCut)
        {
            _failures.Enqueue(exception);
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var round = 0; round < 2000 && !condition(); round++)
        {
            await Task.Delay(1);
        }
    }
}
