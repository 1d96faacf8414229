using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Downlink;

/// <summary>The in-memory log ring and the bounds of a <c>logs.request</c> answer.</summary>
public sealed class LogRequestTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sink_KeepsNewestCapacity()
    {
        var sink = new RecentLogSink();
        for (var i = 0; i < RecentLogSink.Capacity + 5; i++)
        {
            sink.Emit(Event(i, LogEventLevel.Information, $"line {i}"));
        }

        var lines = sink.Read(LogEventLevel.Verbose, since: null);

        Assert.Equal(RecentLogSink.Capacity, lines.Count);
        Assert.Equal("line 5", lines[0].Message);
        Assert.Equal($"line {RecentLogSink.Capacity + 4}", lines[^1].Message);
    }

    [Fact]
    public void Sink_FiltersLevelAndTime()
    {
        var sink = new RecentLogSink();
        sink.Emit(Event(0, LogEventLevel.Warning, "old warning"));
        sink.Emit(Event(1, LogEventLevel.Information, "info"));
        sink.Emit(Event(2, LogEventLevel.Error, "new error"));

        var lines = sink.Read(LogEventLevel.Warning, Start.AddSeconds(1));

        Assert.Equal(["new error"], lines.Select(line => line.Message));
    }

    [Fact]
    public void Sink_CutsLongMessage()
    {
        var sink = new RecentLogSink();
        sink.Emit(Event(0, LogEventLevel.Information, new string('x', RecentLogSink.MaxMessageChars * 2)));

        Assert.Equal(RecentLogSink.MaxMessageChars + 1, Assert.Single(sink.Read(LogEventLevel.Verbose, since: null)).Message.Length);
    }

    [Fact]
    public void Answer_NewestWithinBytes()
    {
        var lines = Enumerable.Range(0, 50).Select(i => new RecentLogLine(Start.AddSeconds(i), LogEventLevel.Information, 4101, "Uplink", $"line {i} {new string('y', 200)}")).ToList();
        var request = new LogRequest(MaxLines: 40, MaxBytes: 2048, LogEventLevel.Information, Since: null);

        var data = LogAnswer.Build(lines, request);

        var returned = data.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("message").GetString()!).ToList();
        Assert.InRange(returned.Count, 1, 9);
        Assert.StartsWith("line 49 ", returned[^1], StringComparison.Ordinal);
        Assert.True(data.GetProperty("truncated").GetBoolean());
        Assert.Equal(50, data.GetProperty("matched").GetInt32());
        Assert.True(data.GetProperty("lines").GetRawText().Length <= 2048 + returned.Count + 2, "the lines exceed the byte bound");
    }

    [Theory]
    [InlineData("""{"maxLines":0}""", "maxLines")]
    [InlineData("""{"maxBytes":10}""", "maxBytes")]
    [InlineData("""{"minLevel":"loud"}""", "minLevel")]
    [InlineData("""{"since":"yesterday"}""", "since")]
    [InlineData("""[1]""", "object")]
    public void Parse_InvalidNamesField(string payload, string field)
    {
        using var document = JsonDocument.Parse(payload);

        Assert.Null(LogRequest.Parse(document.RootElement, out var problem));
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultsAndValues()
    {
        using var document = JsonDocument.Parse("""{"maxLines":20,"minLevel":"Warning","since":"2026-12-05T01:00:00Z"}""");

        var request = LogRequest.Parse(document.RootElement, out var problem);

        Assert.Null(problem);
        Assert.Equal(new LogRequest(20, LogRequest.DefaultMaxBytes, LogEventLevel.Warning, Start), request);
    }

    private static LogEvent Event(int second, LogEventLevel level, string text) =>
        new(Start.AddSeconds(second), level, exception: null, new MessageTemplate(text, [new TextToken(text)]), []);
}
