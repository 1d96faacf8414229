using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine.Technician;

/// <summary>outbox status and export on real LiteDB files written by <see cref="OutboxStore"/>.</summary>
public sealed class OutboxCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TechnicianSite _site = new();
    private readonly FakeTimeProvider _clock = new(Start);

    private string DatabasePath => Path.Combine(_site.DataDirectory, GatewayHost.OutboxFileName);

    [Fact]
    public async Task Status_ShowsBacklogPerLane()
    {
        await FillAsync();
        _clock.Advance(TimeSpan.FromMinutes(90));
        var output = new StringWriter();

        var exitCode = OutboxCommands.Status(_site.Site, output, new StringWriter(), _clock);

        var text = output.ToString();
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains($"Outbox {DatabasePath}", text, StringComparison.Ordinal);
        Assert.Contains("Last sequence 6;", text, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"alarms +waiting +1 +oldest: #2 from 2026-09-01 08:00:01 \+00:00 \(1 h 30 min ago\)"), text);
        Assert.Matches(@"events +waiting +0 +oldest: none waiting", text);
        Assert.Matches(@"telemetry +waiting +3 +oldest: #4 from 2026-09-01 08:00:03 \+00:00", text);
    }

    [Fact]
    public async Task Status_ShowsLocalTimeAndDatabaseLogFile()
    {
        await FillAsync();
        _clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var output = new StringWriter();

        OutboxCommands.Status(_site.Site, output, new StringWriter(), _clock);

        var text = output.ToString();
        Assert.Contains("#2 from 2026-09-01 16:00:01 +08:00", text, StringComparison.Ordinal);
        Assert.Contains("database log file", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ZhCnLanesAndAgesInChinese()
    {
        await FillAsync();
        _clock.Advance(TimeSpan.FromMinutes(90));
        var output = new StringWriter();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            OutboxCommands.Status(_site.Site, output, new StringWriter(), _clock);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var text = output.ToString();
        Assert.Matches(@"  告警 +待同步 +1 +最早：#2，2026-09-01 08:00:01 \+00:00（1 小时 30 分钟前）", text);
        Assert.Matches(@"  事件 +待同步 +0 ", text);
        Assert.Matches(@"  遥测数据 +待同步 +3 ", text);
        Assert.DoesNotMatch(@"alarms|events|telemetry| h | min | s\)", text);
    }

    [Fact]
    public async Task Export_WritesWaitingRecordsAsJsonLines()
    {
        await FillAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = OutboxCommands.Export(_site.Site, null, output, error);

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("alarms", first.RootElement.GetProperty("lane").GetString());
        Assert.Equal(2, first.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("alarm.raised", first.RootElement.GetProperty("type").GetString());
        Assert.Equal("火警", first.RootElement.GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal(Start.AddSeconds(1), first.RootElement.GetProperty("createdAt").GetDateTimeOffset());
        var telemetry = lines.Skip(1).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([4L, 5L, 6L], telemetry.Select(record => record.GetProperty("sequence").GetInt64()));
        Assert.All(telemetry, record => Assert.Equal("telemetry", record.GetProperty("lane").GetString()));
        Assert.Contains("4 records exported", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OneLaneReadsPastPageSize()
    {
        using (var store = OpenStore())
        {
            var appends = Enumerable.Range(0, 1203).Select(i => store.AppendAsync(OutboxLane.Telemetry, "sample", System.Text.Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), CancellationToken.None).AsTask());
            await Task.WhenAll(appends);
            await store.AppendAsync(OutboxLane.Events, "device.online", """{"d":1}"""u8.ToArray(), CancellationToken.None);
        }

        var output = new StringWriter();

        OutboxCommands.Export(_site.Site, OutboxLane.Telemetry, output, new StringWriter());

        var sequences = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(1203, sequences.Count);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(1203, sequences.Distinct().Count());
    }

    [Fact]
    public async Task OpenStore_Refused()
    {
        await FillAsync();
        using var store = OpenStore();
        var error = new StringWriter();

        var exitCode = OutboxCommands.Status(_site.Site, new StringWriter(), error, _clock);

        Assert.Equal(ExitCodes.InstanceLocked, exitCode);
        Assert.Contains("The gateway is running", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningGateway_Refused()
    {
        await FillAsync();
        Assert.True(InstanceLock.TryAcquire(_site.DataDirectory, out var instanceLock));
        using (instanceLock)
        {
            var error = new StringWriter();

            var exitCode = OutboxCommands.Export(_site.Site, null, new StringWriter(), error);

            Assert.Equal(ExitCodes.InstanceLocked, exitCode);
            Assert.Contains(_site.DataDirectory, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inspection_LeavesStoreUsable()
    {
        await FillAsync();
        OutboxCommands.Export(_site.Site, null, new StringWriter(), new StringWriter());
        OutboxCommands.Status(_site.Site, new StringWriter(), new StringWriter(), _clock);

        using var store = OpenStore();
        var sequence = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", """{"x":1}"""u8.ToArray(), CancellationToken.None);

        Assert.Equal(7, sequence);
        Assert.Equal(2, store.Count(OutboxLane.Alarms));
        Assert.Null(store.Recovery);
    }

    [Fact]
    public async Task UncheckpointedLog_IsRead()
    {
        // Files as a power cut leaves them: the commits are in the fsynced log, not yet in the data file.
        using var copy = new TechnicianSite();
        using (var store = OpenStore())
        {
            await Append(store, OutboxLane.Alarms, "alarm.raised", """{"text":"断电前"}""");
            System.IO.Directory.CreateDirectory(copy.DataDirectory);
            // cp(1) takes no flock, unlike File.Copy, so it reads the files the open store locks.
            var run = await Packaging.ScriptRun.RunAsync("cp", [DatabasePath, Path.Combine(_site.DataDirectory, "outbox-log.db"), copy.DataDirectory], null, TimeSpan.FromSeconds(30));
            Assert.True(run.ExitCode == 0, run.Output);
        }

        Assert.True(new FileInfo(Path.Combine(copy.DataDirectory, "outbox-log.db")).Length > 0, "The log was empty, so this test would not read it.");
        var output = new StringWriter();

        var exitCode = OutboxCommands.Export(copy.Site, OutboxLane.Alarms, output, new StringWriter());

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("断电前", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDatabase_ExitsUnavailable()
    {
        var error = new StringWriter();

        var exitCode = OutboxCommands.Status(_site.Site, new StringWriter(), error, _clock);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains("The gateway creates it at its first start", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose() => _site.Dispose();

    private OutboxStore OpenStore() =>
        new(new OutboxOptions { DatabasePath = DatabasePath, TelemetryCommitWindow = TimeSpan.Zero }, _clock, NullLogger<OutboxStore>.Instance);

    /// <summary>Sequences 1–6, one second apart: alarm 1 (sent), alarm 2, event 3 (sent), telemetry 4–6.</summary>
    private async Task FillAsync()
    {
        using var store = OpenStore();
        var sent = new List<(OutboxLane Lane, long Sequence)>();
        sent.Add((OutboxLane.Alarms, await Append(store, OutboxLane.Alarms, "alarm.raised", """{"text":"旧"}""")));
        await Append(store, OutboxLane.Alarms, "alarm.raised", """{"text":"火警"}""");
        sent.Add((OutboxLane.Events, await Append(store, OutboxLane.Events, "device.online", """{"device":"a"}""")));
        for (var i = 0; i < 3; i++)
        {
            await Append(store, OutboxLane.Telemetry, "sample", $$"""{"value":{{i}}}""");
        }

        foreach (var (lane, sequence) in sent)
        {
            await store.DeleteAsync(lane, [sequence], CancellationToken.None);
        }
    }

    private async Task<long> Append(OutboxStore store, OutboxLane lane, string type, string json)
    {
        var sequence = await store.AppendAsync(lane, type, System.Text.Encoding.UTF8.GetBytes(json), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        return sequence;
    }
}
