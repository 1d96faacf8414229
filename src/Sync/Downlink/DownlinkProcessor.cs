using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Resources;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>
/// Checks and runs district commands for the <see cref="DistrictUplink"/>: the message must parse, carry a valid
/// HMAC-SHA256 signature for this gateway (<see cref="DownlinkSignature"/>) and not be expired; an id seen before
/// is not run again. Every command is audited in the log and the ledger.
/// </summary>
public sealed class DownlinkProcessor : IDisposable
{
    /// <summary>Command type that the processor runs without the handler: the uplink publishes the status at once, outside the heartbeat.</summary>
    public const string StatusRequestType = "status.request";

    private readonly DownlinkOptions _options;
    private readonly IDownlinkCommandHandler _handler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DownlinkProcessor> _logger;
    private readonly byte[] _key;
    private readonly DownlinkLedger _ledger;

    /// <exception cref="InvalidOperationException">The key file cannot be read; the message is for the technician.</exception>
    public DownlinkProcessor(DownlinkOptions options, IDownlinkCommandHandler handler, TimeProvider timeProvider, ILogger<DownlinkProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LedgerPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KeyFile);

        _options = options;
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = logger;
        _key = LoadKey(options.KeyFile);
        _ledger = new DownlinkLedger(options.LedgerPath);
        _ledger.Purge(timeProvider.GetUtcNow(), options.LedgerRetention);
    }

    public void Dispose() => _ledger.Dispose();

    /// <summary>
    /// Checks, records and runs one command message. Handler errors become a "failed" result; a ledger write that
    /// fails throws, and the caller then leaves the message unacknowledged so the broker sends it again.
    /// </summary>
    internal async Task<DownlinkReply> ProcessAsync(string schoolId, string gatewayId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();

        // The JSON parser accepts invalid UTF-8 inside strings and fails only when a value is read, which can happen
        // anywhere below, so the text is checked as a whole first.
        if (FirstInvalidUtf8(message.Span) is var invalidAt and >= 0)
        {
            return Audit(new DownlinkReply(null, null, new DownlinkResult("invalid", Text(SyncText.CommandNotUtf8, invalidAt))), origin: null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException exception)
        {
            var reason = Text(SyncText.CommandJsonInvalid, (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1);
            return Audit(new DownlinkReply(null, null, new DownlinkResult("invalid", reason)), origin: null);
        }

        DownlinkCommand command;
        using (document)
        {
            var root = document.RootElement;
            string? id = null;
            string? type = null;
            string? origin = null;
            try
            {
                // The id, type and origin are read first, so that a reply to an otherwise invalid command still names them.
                id = Required(root, "id");
                type = Optional(root, "type");
                origin = Optional(root, "origin");
                type = Required(root, "type");
                var issuedAt = Required(root, "issuedAt");
                var expiresAt = Required(root, "expiresAt");
                var payload = root.TryGetProperty("payload", out var value) ? value.Clone() : default;
                var payloadJson = payload.ValueKind == JsonValueKind.Undefined ? "null" : payload.GetRawText();
                var signature = Optional(root, "signature");

                if (string.IsNullOrEmpty(signature))
                {
                    return Audit(new DownlinkReply(id, type, new DownlinkResult("unauthorised", Text(SyncText.CommandSignatureMissing))), origin);
                }

                var expected = DownlinkSignature.Compute(_key, schoolId, gatewayId, id, type, issuedAt, expiresAt, payloadJson);
                if (!DownlinkSignature.Matches(expected, signature))
                {
                    return Audit(new DownlinkReply(id, type, new DownlinkResult("unauthorised", Text(SyncText.CommandSignatureMismatch, $"{schoolId}/{gatewayId}"))), origin);
                }

                command = new DownlinkCommand(id, type, ParseTime("issuedAt", issuedAt), ParseTime("expiresAt", expiresAt), origin, payload);
            }
            catch (FormatException exception)
            {
                return Audit(new DownlinkReply(id, type, new DownlinkResult("invalid", exception.Message)), origin);
            }
        }

        if (command.ExpiresAt <= now)
        {
            return Audit(new DownlinkReply(command.Id, command.Type, new DownlinkResult("expired", Text(SyncText.CommandExpired, command.ExpiresAt))), command.Origin);
        }

        var seen = _ledger.TryBegin(command, now);
        if (seen is not null)
        {
            return Audit(new DownlinkReply(command.Id, command.Type, new DownlinkResult("duplicate", Text(SyncText.CommandDuplicate, seen))), command.Origin);
        }

        if (command.Type == StatusRequestType)
        {
            var status = new DownlinkResult("ok", Text(SyncText.CommandStatusFollows));
            _ledger.Complete(command.Id, status, _timeProvider.GetUtcNow());
            return Audit(new DownlinkReply(command.Id, command.Type, status, PublishStatus: true), command.Origin);
        }

        var result = await RunHandlerAsync(command, cancellationToken);
        _ledger.Complete(command.Id, result, _timeProvider.GetUtcNow());
        return Audit(new DownlinkReply(command.Id, command.Type, result), command.Origin);
    }

    private async Task<DownlinkResult> RunHandlerAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _handler.HandleAsync(command, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            UplinkLog.CommandHandlerFailed(_logger, command.Id, command.Type, exception);
            return DownlinkResult.Failed(Text(SyncText.CommandHandlerTimedOut, command.Type, _options.HandlerTimeout.TotalSeconds, UplinkLog.CommandHandlerFailedId));
        }
        catch (Exception exception)
        {
            // A handler failure must not stop the downlink. The exception's own text is English and may name internals,
            // so the district gets a reason in the operator language that points to the log entry with the details.
            UplinkLog.CommandHandlerFailed(_logger, command.Id, command.Type, exception);
            return DownlinkResult.Failed(Text(SyncText.CommandHandlerFailed, command.Type, UplinkLog.CommandHandlerFailedId));
        }
    }

    private DownlinkReply Audit(DownlinkReply reply, string? origin)
    {
        UplinkLog.CommandAudited(_logger, reply.Id ?? "(none)", reply.Type ?? "(none)", origin ?? "(none)", reply.Result.Status, reply.Result.Reason ?? string.Empty);
        return reply;
    }

    /// <exception cref="FormatException">The field is missing, empty or not a string; the message names it.</exception>
    private static string Required(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(Text(SyncText.CommandNotObject));
        }

        if (!root.TryGetProperty(name, out var element))
        {
            throw new FormatException(Text(SyncText.CommandFieldMissing, name));
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException(Text(SyncText.CommandFieldInvalid, name, element.GetRawText()));
    }

    private static string? Optional(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;

    /// <summary>Returns the byte offset of the first invalid UTF-8 sequence, or -1 when the text is valid.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
        {
            return -1;
        }

        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf8(text[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return -1;
    }

    private static DateTimeOffset ParseTime(string name, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException(Text(SyncText.CommandFieldInvalid, name, value));

    private static string Text(string name, params object?[] arguments) => SyncText.Format(name, arguments);

    private static byte[] LoadKey(string path)
    {
        try
        {
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length >= DownlinkSignature.MinimumKeyBytes
                ? key
                : throw new FormatException($"the key is {key.Length} bytes long, shorter than {DownlinkSignature.MinimumKeyBytes}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException(
                Resources.SyncText.Format(Resources.SyncText.UplinkFileUnusable, nameof(DownlinkOptions.KeyFile), path, exception.Message), exception);
        }
    }
}
