using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public sealed class ClassBoardKeysTests
{
    private const string BoardPassword = "    password: test-board-secret\n";

    [Fact]
    public void SwipeRepeatWindow_Read()
    {
        var result = SiteYaml.Load(SiteYaml.With(BoardPassword, BoardPassword + "    swipeRepeatWindow: 30s\n"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(TimeSpan.FromSeconds(30), result.Configuration!.Devices.OfType<ClassBoardConfiguration>().Single().SwipeRepeatWindow);
    }

    [Fact]
    public void SwipeRepeatWindow_DefaultsTo60s()
    {
        var result = SiteYaml.Load(SiteYaml.Valid);

        Assert.Equal(TimeSpan.FromSeconds(60), result.Configuration!.Devices.OfType<ClassBoardConfiguration>().Single().SwipeRepeatWindow);
    }

    [Fact]
    public void SwipeRepeatWindow_OutOfRange()
    {
        var yaml = SiteYaml.With(BoardPassword, BoardPassword + "    swipeRepeatWindow: 1h\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.EndsWith(".swipeRepeatWindow", problem.Path, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.LineOf(yaml, "swipeRepeatWindow: 1h"), problem.Line);
    }
}
