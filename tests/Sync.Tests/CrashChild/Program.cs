using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.CrashChild;

/// <summary>
/// Entry point of the test assembly when it runs as a child process ("dotnet SmartCampus.Edge.Sync.Tests.dll
/// outbox-child ..."), so that crash tests can SIGKILL a real process that owns the outbox. The test runner loads
/// the assembly through its own host and never calls this method.
/// </summary>
/// <remarks>
/// Arguments: outbox-child DATABASE_PATH PRODUCE(true|false) [BROKER_PORT]. With a port, the child also runs the
/// district uplink against 127.0.0.1:PORT and compacts the outbox every 50 ms. Each accepted record is written to
/// stdout as "A LANE SEQUENCE ." once AppendAsync has returned; the trailing dot marks a complete line, since a kill
/// can cut the last one. "C ." follows each finished compaction.
/// </remarks>
public static class Program
{
    public const string ChildArgument = "outbox-child";

    public const string School = "school-042";

    public const string Gateway = "gw-crash";

    private static readonly Lock OutputLock = new();

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3 || args[0] != ChildArgument)
        {
            await Console.Error.WriteLineAsync($"usage: {ChildArgument} DATABASE_PATH PRODUCE [BROKER_PORT]");
            return 2;
        }

        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        var produce = bool.Parse(args[2]);

        using var store = new OutboxStore(
            new OutboxOptions { DatabasePath = args[1], TelemetryCommitWindow = TimeSpan.FromMilliseconds(2) },
            TimeProvider.System,
            NullLogger<OutboxStore>.Instance);

        DistrictUplink? uplink = null;
        if (args.Length > 3)
        {
            var options = new UplinkOptions
            {
                Host = "127.0.0.1",
                Port = int.Parse(args[3], CultureInfo.InvariantCulture),
                SchoolId = School,
                GatewayId = Gateway,
                BatchSize = 50,
                ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
                ConnectTimeout = TimeSpan.FromSeconds(2),
                PublishTimeout = TimeSpan.FromSeconds(2),
            };
            uplink = new DistrictUplink(options, store, TimeProvider.System, NullLogger<DistrictUplink>.Instance);
            await uplink.StartAsync(CancellationToken.None);

            // Compacting often while draining lets some kills land in the middle of a file swap.
            _ = CompactRepeatedlyAsync(store, output);
        }

        Write(output, "READY .");

        if (produce)
        {
            // Heavy ingest: many telemetry writers share commits; events and alarms commit at once.
            var writers = new List<Task>();
            for (var i = 0; i < 6; i++)
            {
                writers.Add(ProduceAsync(store, output, OutboxLane.Telemetry, TimeSpan.Zero));
            }

            writers.Add(ProduceAsync(store, output, OutboxLane.Events, TimeSpan.FromMilliseconds(3)));
            writers.Add(ProduceAsync(store, output, OutboxLane.Alarms, TimeSpan.FromMilliseconds(10)));
            await Task.WhenAll(writers);
        }

        // Runs until the test kills it.
        await Task.Delay(Timeout.Infinite);
        uplink?.Dispose();
        return 0;
    }

    private static async Task CompactRepeatedlyAsync(OutboxStore store, StreamWriter output)
    {
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            await store.CompactAsync(CancellationToken.None);
            Write(output, "C .");
        }
    }

    private static async Task ProduceAsync(OutboxStore store, StreamWriter output, OutboxLane lane, TimeSpan pause)
    {
        for (var index = 0; ; index++)
        {
            var payload = Encoding.UTF8.GetBytes($$"""{"point":"bldgA-2F-201.co2","value":{{index}}}""");
            var sequence = await store.AppendAsync(lane, "sample", payload, CancellationToken.None);
            Write(output, $"A {(int)lane} {sequence} .");

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }
        }
    }

    private static void Write(StreamWriter output, string line)
    {
        lock (OutputLock)
        {
            output.WriteLine(line);
        }
    }
}
