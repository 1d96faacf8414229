using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.History;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

public sealed class PointHistoryTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Theory]
    [InlineData(1_234_567.8)]
    [InlineData(23.45)]
    [InlineData(0.0012)]
    public void Read_ReturnsValueOffered(double value)
    {
        // A float32 stores 1,234,567.8 as 1,234,567.75 and 23.45 as 23.450000762939453.
        var point = new PointId("meter-main", "energy");
        var history = new PointHistory(TimeSpan.FromHours(6), TimeSpan.FromMinutes(1));

        history.Offer(new Sample(point, PointValue.FromNumber(value), Quality.Good, Start, new MonotonicStamp("history", TimeSpan.Zero)));

        Assert.Equal([(Start, value)], history.Read(point));
    }
}
