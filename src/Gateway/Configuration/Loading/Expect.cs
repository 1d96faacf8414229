using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Fragments that describe what a key expects ("an integer from 1 to 65535"), for embedding in messages.</summary>
internal static class Expect
{
    public static ProblemMessage Text { get; } = new(MessageKeys.ExpectText);

    public static ProblemMessage Host { get; } = new(MessageKeys.ExpectHost);

    public static ProblemMessage Password { get; } = new(MessageKeys.ExpectPassword);

    public static ProblemMessage Path { get; } = new(MessageKeys.ExpectPath);

    public static ProblemMessage Number { get; } = new(MessageKeys.ExpectNumber);

    public static ProblemMessage NonZeroNumber { get; } = new(MessageKeys.ExpectNonZeroNumber);

    public static ProblemMessage NonNegativeNumber { get; } = new(MessageKeys.ExpectNonNegativeNumber);

    public static ProblemMessage Boolean { get; } = new(MessageKeys.ExpectBoolean);

    public static ProblemMessage Duration { get; } = new(MessageKeys.ExpectDuration);

    public static ProblemMessage List { get; } = new(MessageKeys.ExpectList);

    public static ProblemMessage Mapping { get; } = new(MessageKeys.ExpectMapping);

    public static ProblemMessage Id { get; } = new(MessageKeys.ExpectId);

    public static ProblemMessage SiteId { get; } = new(MessageKeys.ExpectSiteId);

    public static ProblemMessage PointId { get; } = new(MessageKeys.ExpectPointId);

    public static ProblemMessage BoardTarget { get; } = new(MessageKeys.ExpectBoardTarget);

    public static ProblemMessage IntegerRange(long minimum, long maximum) => new(MessageKeys.ExpectIntegerRange, minimum, maximum);

    public static ProblemMessage DurationRange(TimeSpan minimum, TimeSpan maximum) =>
        new(MessageKeys.ExpectDurationRange, DurationText.Format(minimum), DurationText.Format(maximum));

    public static ProblemMessage Choice(IEnumerable<string> names) => new(MessageKeys.ExpectChoice, names);
}
