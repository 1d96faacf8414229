using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>
/// A managed switch's port link, read as a bit of a Modbus register, watched by a state rule as docs/rules.md shows
/// it: the port that feeds the fire panel's camera going down raises a major alarm once it has stayed down.
/// </summary>
public sealed class SwitchPortRuleTests
{
    private static readonly PointId CameraPort = new("core-switch", "port3");

    private const string Campus = SiteYaml.Header + "\n" + """
        devices:
          - id: core-switch
            kind: modbus-tcp
            host: 127.0.0.1
            points:
              - id: port3
                function: holding
                address: 0
                bit: 2
        rules:
          - id: camera-port-down
            kind: state
            point: core-switch.port3
            equals: false
            debounce: 10s
            severity: major
        """;

    [Fact]
    public void PortDown_RaisesAfterDebounce()
    {
        var (engine, clock) = Start();
        Assert.Empty(engine.Evaluate(Link(clock, up: true)));

        // A short drop, such as a device rebooting on its own, stays below the debounce and raises nothing.
        Assert.Empty(engine.Evaluate(Link(clock, up: false)));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(engine.Evaluate(Link(clock, up: true)));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(engine.Tick(), output => output is AlarmRaised);

        Assert.Empty(engine.Evaluate(Link(clock, up: false)));
        clock.Advance(TimeSpan.FromSeconds(10));
        var raised = Assert.Single(engine.Tick().OfType<AlarmRaised>());
        Assert.Equal("camera-port-down", raised.RuleId);
        Assert.Equal(SmartCampus.Edge.Rules.Alarms.AlarmSeverity.Major, raised.Alarm.Severity);

        engine.Evaluate(Link(clock, up: true));
        clock.Advance(TimeSpan.FromSeconds(10));
        var cleared = engine.Tick().Concat(engine.Evaluate(Link(clock, up: true)));
        Assert.Contains(cleared, output => output is AlarmCleared);
        Assert.Empty(engine.ActiveAlarms);
    }

    private static (RuleEngine Engine, FakeTimeProvider Clock) Start()
    {
        var result = SiteYaml.Load(Campus);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8)));
        return (new RuleEngine(RuleDefinitionFactory.Create(result.Configuration!), clock), clock);
    }

    private static Sample Link(TimeProvider clock, bool up) =>
        new(CameraPort, PointValue.FromBoolean(up), Quality.Good, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())));
}
