using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class UplinkOptionsTests
{
    private static UplinkOptions Valid() => new() { Host = "mqtt.district.example", SchoolId = "school-042", GatewayId = "gw-01" };

    [Fact]
    public void Defaults_AreValid()
    {
        var options = Valid();

        Assert.Empty(options.Validate());
        Assert.Equal(1883, options.Port);
        Assert.Equal("5", options.ProtocolVersion);
        Assert.Equal("district", options.TopicPrefix);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PublishTimeout);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ReconnectMinDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ReconnectMaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.AlarmReconnectDelay);
        Assert.Equal("edge-school-042-gw-01", options.EffectiveClientId);
    }

    [Theory]
    [InlineData("3.1.1")]
    [InlineData("5")]
    [InlineData("5.0")]
    public void ProtocolVersion_Accepted(string version)
    {
        var options = Valid();
        options.ProtocolVersion = version;

        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("gzip", "gzip")]
    [InlineData(" ZSTD ", "zstd")]
    public void Compression_Accepted(string compression, string? contentEncoding)
    {
        var options = Valid();
        options.Compression = compression;

        Assert.Empty(options.Validate());
        Assert.Equal(contentEncoding, options.ContentEncoding);
    }

    [Fact]
    public void Compression_UnknownListsChoices()
    {
        var options = Valid();
        options.Compression = "brotli";

        var problem = Assert.Single(options.Validate());
        Assert.Contains("brotli", problem, StringComparison.Ordinal);
        Assert.Contains("zstd", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(UplinkOptions.SchoolId), "school/042")]
    [InlineData(nameof(UplinkOptions.SchoolId), "school+")]
    [InlineData(nameof(UplinkOptions.GatewayId), "gw#1")]
    [InlineData(nameof(UplinkOptions.GatewayId), "")]
    [InlineData(nameof(UplinkOptions.TopicPrefix), "district/")]
    [InlineData(nameof(UplinkOptions.TopicPrefix), "a//b")]
    [InlineData(nameof(UplinkOptions.TopicPrefix), "$SYS")]
    [InlineData(nameof(UplinkOptions.TopicPrefix), "")]
    [InlineData(nameof(UplinkOptions.ProtocolVersion), "4")]
    public void InvalidValue_Named(string property, string value)
    {
        var options = Valid();
        typeof(UplinkOptions).GetProperty(property)!.SetValue(options, value);

        var problem = Assert.Single(options.Validate());

        Assert.Contains(property, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_ListsEveryProblem()
    {
        var options = new UplinkOptions
        {
            Host = "",
            Port = 0,
            Password = "secret",
            PublishTimeout = TimeSpan.Zero,
            BatchSize = 0,
            ReconnectMinDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(5),
            AlarmReconnectDelay = TimeSpan.Zero,
        };

        using var outboxContext = new Outbox.OutboxTestContext();
        var outbox = outboxContext.Open();

        var problems = options.Validate();
        var exception = Assert.Throws<ArgumentException>(() =>
            new DistrictUplink(options, outbox, new FakeTimeProvider(), new RecordingLogger<DistrictUplink>()));

        // Host, Port, Password without Username, SchoolId, GatewayId, PublishTimeout, BatchSize, Min above Max,
        // AlarmReconnectDelay.
        Assert.Equal(9, problems.Count);
        Assert.All(problems, problem => Assert.Contains(problem, exception.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_InChinese()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var options = Valid();
            options.GatewayId = "gw/1";

            var problem = Assert.Single(options.Validate());

            Assert.Contains("主题层级", problem, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void Topics_FollowScheme()
    {
        Assert.Equal("district/school-042/gw-01/alarms", DistrictTopics.Lane("district", "school-042", "gw-01", OutboxLane.Alarms));
        Assert.Equal("cn/d7/school-042/gw-01/telemetry", DistrictTopics.Lane("cn/d7", "school-042", "gw-01", OutboxLane.Telemetry));
        Assert.Equal("district/school-042/gw-01/events", DistrictTopics.Lane("district", "school-042", "gw-01", OutboxLane.Events));
        Assert.Equal("district/school-042/gw-01/status", DistrictTopics.Status("district", "school-042", "gw-01"));
    }
}
