using System.Globalization;
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

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

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
    public void Answer_ChineseLineUnescaped()
    {
        var sink = new RecentLogSink();
        sink.Emit(Event(0, LogEventLevel.Warning, "门禁 g-south 无法执行指令"));
        var request = new LogRequest(LogRequest.DefaultMaxLines, LogRequest.DefaultMaxBytes, LogEventLevel.Verbose, Since: null);

        var data = LogAnswer.Build(sink.Read(LogEventLevel.Verbose, since: null), request);

        Assert.Contains("门禁 g-south 无法执行指令", data.GetRawText(), StringComparison.Ordinal);
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

        Assert.False(LogRequest.TryParse(document.RootElement, English, out var request, out var problem));
        Assert.Null(request);
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"maxLines":0}""", "载荷字段“maxLines”无效：收到 0，应为 1 到 1000 之间的整数。")]
    [InlineData("""{"minLevel":"loud"}""", "载荷字段“minLevel”无效：收到 \"loud\"")]
    [InlineData("""{"since":"yesterday"}""", "载荷字段“since”无效：收到 \"yesterday\"，应为 ISO 8601 时间")]
    [InlineData("""[1]""", "载荷无效：应为对象")]
    public void Parse_InvalidInChinese(string payload, string reason)
    {
        using var document = JsonDocument.Parse(payload);

        Assert.False(LogRequest.TryParse(document.RootElement, Chinese, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultsAndValues()
    {
        using var document = JsonDocument.Parse("""{"maxLines":20,"minLevel":"Warning","since":"2026-12-05T01:00:00Z"}""");

        Assert.True(LogRequest.TryParse(document.RootElement, English, out var request, out var problem));

        Assert.Null(problem);
        Assert.Equal(new LogRequest(20, LogRequest.DefaultMaxBytes, LogEventLevel.Warning, Start), request);
    }

    private static LogEvent Event(int second, LogEventLevel level, string text) =>
        new(Start.AddSeconds(second), level, exception: null, new MessageTemplate(text, [new TextToken(text)]), []);
}
