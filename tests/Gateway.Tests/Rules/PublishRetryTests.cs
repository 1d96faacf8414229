using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.Tests.EndToEnd;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>Publish actions against a real Mosquitto that is killed and started again; delays run on a fake clock.</summary>
public sealed class PublishRetryTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly string ruleId = $"fan-boost-{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, long> counts = new();
    private readonly MeterListener listener = new();

    public PublishRetryTests()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == RulesMetrics.MeterName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var ours = false;
            string? reason = null;
            foreach (var tag in tags)
            {
                ours |= tag.Key == "rule" && Equals(tag.Value, ruleId);
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            if (ours)
            {
                counts.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
                counts.AddOrUpdate($"{instrument.Name}/{reason}", value, (_, total) => total + value);
            }
        });
        listener.Start();
    }

    [Fact]
    public void Delay_DoublesUpToCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), PublishRetry.DelayBefore(1));
        Assert.Equal(TimeSpan.FromSeconds(16), PublishRetry.DelayBefore(5));
        Assert.Equal(TimeSpan.FromSeconds(30), PublishRetry.DelayBefore(6));
        Assert.Equal(TimeSpan.FromSeconds(30), PublishRetry.DelayBefore(50));
    }

    [Fact]
    public async Task Retry_DeliversInOrderAfterBrokerReturns()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = new CampusPublisher(broker.Host, broker.Port, null, null, "rule-publisher-test", NullLogger<CampusPublisher>.Instance);
        var retry = new PublishRetry(publisher, clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = retry.RunAsync(stop.Token);

        await retry.PublishAsync(Command("on-1"), CancellationToken.None);
        Assert.Equal(0, retry.Waiting);

        await broker.StopAsync();
        await retry.PublishAsync(Command("on-2"), CancellationToken.None);
        await retry.PublishAsync(Command("on-3"), CancellationToken.None);
        Assert.Equal(2, retry.Waiting);

        await broker.StartAgainAsync();
        await using var recorder = await MqttRecorder.ConnectAsync(broker.Host, broker.Port, "devices/#");
        Assert.True(await AdvanceUntilAsync(() => recorder.Messages.Count >= 2, TimeSpan.FromSeconds(1)), broker.Output);

        Assert.Equal(["on-2", "on-3"], recorder.Texts("devices/fan-1/set"));
        Assert.Equal(0, retry.Waiting);
        Assert.True(counts.GetValueOrDefault("smartcampus.rules.publish_retries") >= 1);
        Assert.Equal(0, counts.GetValueOrDefault("smartcampus.rules.publishes_dropped"));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Retry_DropsAfterLastRetry()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        await using var publisher = new CampusPublisher(broker.Host, broker.Port, null, null, "rule-publisher-test", NullLogger<CampusPublisher>.Instance);
        var retry = new PublishRetry(publisher, clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = retry.RunAsync(stop.Token);

        await retry.PublishAsync(Command("on"), CancellationToken.None);

        Assert.True(
            await AdvanceUntilAsync(() => counts.GetValueOrDefault("smartcampus.rules.publishes_dropped") == 1, TimeSpan.FromSeconds(5)),
            $"retries: {counts.GetValueOrDefault("smartcampus.rules.publish_retries")}");
        Assert.Equal(PublishRetry.MaxRetries, counts.GetValueOrDefault("smartcampus.rules.publish_retries"));
        Assert.Equal(1, counts.GetValueOrDefault($"smartcampus.rules.publishes_dropped/{RulesMetrics.DropReasonRetriesExhausted}"));
        Assert.Equal(0, retry.Waiting);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Stop_CountsWaitingAsDropped()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        await using var publisher = new CampusPublisher(broker.Host, broker.Port, null, null, "rule-publisher-test", NullLogger<CampusPublisher>.Instance);
        var logger = new EventLogger();
        var retry = new PublishRetry(publisher, clock, logger);
        using var stop = new CancellationTokenSource();
        var run = retry.RunAsync(stop.Token);

        await retry.PublishAsync(Command("on-1"), CancellationToken.None);
        await retry.PublishAsync(Command("on-2"), CancellationToken.None);
        Assert.Equal(2, retry.Waiting);

        await stop.CancelAsync();
        await run;

        Assert.Equal(0, retry.Waiting);
        Assert.Equal(2, counts.GetValueOrDefault($"smartcampus.rules.publishes_dropped/{RulesMetrics.DropReasonStopped}"));
        Assert.Equal(0, counts.GetValueOrDefault($"smartcampus.rules.publishes_dropped/{RulesMetrics.DropReasonRetriesExhausted}"));
        var dropped = logger.MessagesOf(1274);
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, message => Assert.Contains("devices/fan-1/set", message, StringComparison.Ordinal));
    }

    public void Dispose() => listener.Dispose();

    private PublishCommand Command(string payload) => new("devices/fan-1/set", payload, ruleId);

    // Advances the fake clock in steps and gives the real broker time to respond between them; the retry delays sum to
    // about a minute, so 90 fake seconds are enough for any outcome.
    private async Task<bool> AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(90); elapsed += step)
        {
            clock.Advance(step);
            if (await Eventually.WaitUntilAsync(condition, TimeSpan.FromMilliseconds(300)))
            {
                return true;
            }
        }

        return condition();
    }
}
