using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Tests.Support;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Downlink;

/// <summary>Results of malformed or badly signed commands name the command and what to fix, in the operator language.</summary>
public sealed class DownlinkMessageTests : IDisposable
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(value => (byte)value)];

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public DownlinkMessageTests()
    {
        File.WriteAllText(_directory.File("downlink.key"), Convert.ToBase64String(Key));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _directory.Dispose();
    }

    [Theory]
    [InlineData("issuedAt")]
    [InlineData("expiresAt")]
    public async Task MissingField_NamedWithId(string field)
    {
        var json = $$"""{"id":"cmd-1","type":"restart","issuedAt":"2026-09-01T07:59:00Z","expiresAt":"2026-09-01T08:10:00Z","payload":null,"signature":"x"}""";
        var withoutField = System.Text.RegularExpressions.Regex.Replace(json, $"\"{field}\":\"[^\"]*\",", string.Empty);

        var reply = await ProcessAsync(withoutField);

        Assert.Equal("invalid", reply.Result.Status);
        Assert.Equal("cmd-1", reply.Id);
        Assert.Contains($"\"{field}\"", reply.Result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("dictionary", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSignature_SaidMissing()
    {
        var reply = await ProcessAsync("""{"id":"cmd-2","type":"restart","issuedAt":"2026-09-01T07:59:00Z","expiresAt":"2026-09-01T08:10:00Z","payload":null}""");

        Assert.Equal("unauthorised", reply.Result.Status);
        Assert.Equal("cmd-2", reply.Id);
        Assert.Contains("no signature", reply.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("docs/district-topics.md", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSignature_ShowsSignedLayout()
    {
        var reply = await ProcessAsync("""{"id":"cmd-3","type":"restart","issuedAt":"2026-09-01T07:59:00Z","expiresAt":"2026-09-01T08:10:00Z","payload":null,"signature":"AAAA"}""");

        Assert.Equal("unauthorised", reply.Result.Status);
        Assert.Contains("does not match", reply.Result.Reason, StringComparison.Ordinal);
        Assert.Contains($"{School}/{Gateway}", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedJson_PositionAndFix()
    {
        var reply = await ProcessAsync("""{"id":"cmd-4","type":"rest""");

        Assert.Equal("invalid", reply.Result.Status);
        Assert.Contains("line 1", reply.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("complete JSON object", reply.Result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedJson_Chinese()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

        var reply = await ProcessAsync("""{"id":"cmd-5",""");

        Assert.Contains("完整的 JSON 对象", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"type\":\"re?tart\",\"payload\":null")]
    [InlineData("\"type\":\"notice\",\"payload\":{\"text\":\"?\"}")]
    public async Task InvalidUtf8_OffsetNamed(string fields)
    {
        // 0x90 alone is a continuation byte without a lead byte, so the text is not valid UTF-8 where the '?' was.
        var message = Encoding.UTF8.GetBytes("{\"id\":\"cmd-5\"," + fields + ",\"issuedAt\":\"2026-09-01T07:59:00Z\",\"expiresAt\":\"2026-09-01T08:10:00Z\",\"signature\":\"x\"}");
        var at = Array.IndexOf(message, (byte)'?');
        message[at] = 0x90;

        var reply = await ProcessAsync(message);

        Assert.Equal("invalid", reply.Result.Status);
        Assert.Contains($"offset {at}", reply.Result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "The gateway could not carry out the restart command because of an unexpected error. The gateway log has the details under event id 4120.")]
    [InlineData("zh-CN", "网关执行 restart 命令时发生意外错误，命令未完成。详细信息见网关日志中事件 ID 为 4120 的记录。")]
    public async Task HandlerThrows_ReasonNamesCommandAndLogEvent(string language, string reason)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var logger = new RecordingLogger<DownlinkProcessor>();

        var reply = await ProcessAsync(Signed("cmd-6", "restart"), new ThrowingHandler(), logger);

        Assert.Equal("failed", reply.Result.Status);
        Assert.Equal(reason, reply.Result.Reason);
        var logged = Assert.Single(logger.Entries, entry => entry.EventId == 4120);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    private Task<DownlinkReply> ProcessAsync(string json) => ProcessAsync(Encoding.UTF8.GetBytes(json));

    private async Task<DownlinkReply> ProcessAsync(byte[] message, IDownlinkCommandHandler handler, RecordingLogger<DownlinkProcessor> logger)
    {
        using var processor = new DownlinkProcessor(
            new DownlinkOptions { LedgerPath = _directory.File("commands.db"), KeyFile = _directory.File("downlink.key") },
            handler,
            _time,
            logger);
        return await processor.ProcessAsync(School, Gateway, message, CancellationToken.None);
    }

    private static byte[] Signed(string id, string type)
    {
        const string IssuedAt = "2026-09-01T07:59:00Z";
        const string ExpiresAt = "2026-09-01T08:10:00Z";
        var signature = DownlinkSignature.Compute(Key, School, Gateway, id, type, IssuedAt, ExpiresAt, "null");
        return Encoding.UTF8.GetBytes(
            $$"""{"id":"{{id}}","type":"{{type}}","issuedAt":"{{IssuedAt}}","expiresAt":"{{ExpiresAt}}","payload":null,"signature":"{{signature}}"}""");
    }

    private Task<DownlinkReply> ProcessAsync(byte[] message) => ProcessAsync(message, new NeverCalledHandler(), new RecordingLogger<DownlinkProcessor>());

    private sealed class ThrowingHandler : IDownlinkCommandHandler
    {
        public Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Sequence contains no elements");
    }

    private sealed class NeverCalledHandler : IDownlinkCommandHandler
    {
        public Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("an invalid command reached the handler");
    }
}
