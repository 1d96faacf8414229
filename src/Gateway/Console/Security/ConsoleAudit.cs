using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Records every write action of the console (setup, login, acknowledge, shelve, pulse, notice): a log line and a
/// <c>console-audit</c> record in the outbox's events lane, so the district keeps the trail too.
/// </summary>
internal sealed class ConsoleAudit(OutboxStore outbox, TimeProvider timeProvider, ILogger<ConsoleAudit> logger)
{
    public const string RecordType = "console-audit";

    public async Task RecordAsync(string user, string client, string action, string target, string outcome, CancellationToken cancellationToken)
    {
        ConsoleLog.Audit(logger, user, client, action, target, outcome);

        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            at = timeProvider.GetUtcNow(),
            user,
            client,
            action,
            target,
            outcome,
        }, ReadableJson.SerializerOptions);

        try
        {
            await outbox.AppendAsync(OutboxLane.Events, RecordType, payload, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The log line above is the trail of last resort; the action itself already happened.
            ConsoleLog.AuditNotStored(logger, exception);
        }
    }
}
