using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.Tests.WebConsole;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>The console's alarm changes take the rule-request route: the page responds once the record is in the outbox.</summary>
public sealed class ConsoleRuleRequestTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Acknowledge_RecordDurableBeforeResponse()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        var outbox = fixture.Rig.Host.Services.GetRequiredService<OutboxStore>();
        fixture.Rig.SetSmoke(true);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "fire-alarm"), TimeSpan.FromSeconds(10)));
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/alarms", "/alarms/acknowledge", new Dictionary<string, string> { ["rule"] = "fire-alarm" });

        // Read at once, without waiting: the response came after the alarm lane's record was written.
        var changes = outbox.PeekOldest(OutboxLane.Alarms, 10_000)
            .Where(record => record.Type == RecordJson.AlarmChangedType)
            .Select(record => Encoding.UTF8.GetString(record.Payload))
            .ToList();
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains(changes, payload => payload.Contains("\"acknowledgedAt\"", StringComparison.Ordinal) && payload.Contains("fire-alarm", StringComparison.Ordinal));
    }
}
