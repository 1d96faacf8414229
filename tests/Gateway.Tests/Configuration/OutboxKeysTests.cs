namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>The outbox section's capacity keys: alarm reserve, down-sampling and compaction.</summary>
public sealed class OutboxKeysTests
{
    private static string WithOutbox(string body) => SiteYaml.Valid + "\noutbox:\n" + body;

    [Fact]
    public void Keys_Read()
    {
        var yaml = WithOutbox("""
              maxDiskMegabytes: 256
              alarmReserveMegabytes: 32
              downsampleAfter: 2h
              downsampleInterval: 5m
              compactionInterval: 30m
              compactionMinFreeMegabytes: 16
            """);

        var result = SiteYaml.Load(yaml);

        Assert.True(result.IsValid, Gateway.Configuration.ConfigurationReport.Format(result));
        var outbox = result.Configuration!.Outbox;
        Assert.Equal(32, outbox.AlarmReserveMegabytes);
        Assert.Equal(TimeSpan.FromHours(2), outbox.DownsampleAfter);
        Assert.Equal(TimeSpan.FromMinutes(5), outbox.DownsampleInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), outbox.CompactionInterval);
        Assert.Equal(16, outbox.CompactionMinFreeMegabytes);
    }

    [Fact]
    public void Defaults_NoDownsamplingCompactionOn()
    {
        var result = SiteYaml.Load(WithOutbox("  maxDiskMegabytes: 256\n"));

        var outbox = result.Configuration!.Outbox;
        Assert.Null(outbox.AlarmReserveMegabytes);
        Assert.Null(outbox.DownsampleAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), outbox.CompactionInterval);
    }

    [Fact]
    public void AlarmReserve_NotBelowBudget_OutOfRange()
    {
        var yaml = WithOutbox("  maxDiskMegabytes: 64\n  alarmReserveMegabytes: 64\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(Gateway.Configuration.ConfigurationProblemKind.OutOfRange, problem.Kind);
        Assert.Equal("outbox.alarmReserveMegabytes", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "alarmReserveMegabytes: 64"), problem.Line);
        Assert.Contains("0 to 63", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DownsampleInterval_TooShort_OutOfRange()
    {
        var yaml = WithOutbox("  downsampleAfter: 1h\n  downsampleInterval: 1s\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("outbox.downsampleInterval", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "downsampleInterval: 1s"), problem.Line);
    }

    [Fact]
    public void CompactionInterval_NotADuration_Reported()
    {
        var yaml = WithOutbox("  compactionInterval: often\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal("outbox.compactionInterval", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "compactionInterval: often"), problem.Line);
    }

    [Fact]
    public void AlarmReserve_InChinese()
    {
        var yaml = WithOutbox("  maxDiskMegabytes: 64\n  alarmReserveMegabytes: 100\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Contains("0", problem.Message, StringComparison.Ordinal);
        Assert.Contains("63", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expected", problem.Message, StringComparison.Ordinal);
    }
}
