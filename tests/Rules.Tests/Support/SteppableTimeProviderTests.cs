namespace SmartCampus.Edge.Rules.Tests.Support;

public class SteppableTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_MovesBothClocks()
    {
        var clock = new SteppableTimeProvider(Start);
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(Start.AddSeconds(90), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), clock.GetElapsedTime(before));
    }

    [Theory]
    [InlineData(90 * 24)]
    [InlineData(-1)]
    public void StepWallClock_LeavesTimestamp(int stepHours)
    {
        var clock = new SteppableTimeProvider(Start);
        var before = clock.GetTimestamp();

        clock.StepWallClock(TimeSpan.FromHours(stepHours));

        Assert.Equal(Start.AddHours(stepHours), clock.GetUtcNow());
        Assert.Equal(before, clock.GetTimestamp());
        Assert.Equal(TimeSpan.Zero, clock.GetElapsedTime(before));
    }
}
