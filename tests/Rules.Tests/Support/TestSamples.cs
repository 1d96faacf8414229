using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Tests.Support;

/// <summary>Samples stamped with the test clock, the way the pipeline would hand them to the engine.</summary>
public static class TestSamples
{
    public static Sample Number(TimeProvider clock, PointId point, double value, Quality quality = Quality.Good) =>
        Create(clock, point, PointValue.FromNumber(value), quality);

    public static Sample Boolean(TimeProvider clock, PointId point, bool value, Quality quality = Quality.Good) =>
        Create(clock, point, PointValue.FromBoolean(value), quality);

    public static Sample Bad(TimeProvider clock, PointId point) => Create(clock, point, PointValue.None, Quality.Bad);

    public static Sample Create(TimeProvider clock, PointId point, PointValue value, Quality quality) =>
        new(point, value, quality, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())));
}
