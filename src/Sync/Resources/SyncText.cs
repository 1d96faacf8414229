using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Sync.Resources;

/// <summary>
/// Operator-facing text from SyncMessages.resx (en) and SyncMessages.zh-CN.resx, looked up in
/// <see cref="CultureInfo.CurrentUICulture"/> at the moment a message is built.
/// </summary>
internal static class SyncText
{
    public const string OptionRequired = nameof(OptionRequired);
    public const string OptionMustBePositive = nameof(OptionMustBePositive);
    public const string OptionNotNegative = nameof(OptionNotNegative);
    public const string OptionMinAboveMax = nameof(OptionMinAboveMax);
    public const string OptionInvalidPort = nameof(OptionInvalidPort);
    public const string OptionInvalidTopicLevel = nameof(OptionInvalidTopicLevel);
    public const string OptionInvalidTopicPrefix = nameof(OptionInvalidTopicPrefix);
    public const string OptionInvalidProtocolVersion = nameof(OptionInvalidProtocolVersion);
    public const string OptionsInvalid = nameof(OptionsInvalid);
    public const string OutboxLocked = nameof(OutboxLocked);
    public const string OptionPasswordWithoutUsername = nameof(OptionPasswordWithoutUsername);
    public const string OutboxMovedAside = nameof(OutboxMovedAside);
    public const string OutboxUnavailable = nameof(OutboxUnavailable);
    public const string OptionOutOfRange = nameof(OptionOutOfRange);
    public const string UplinkFileUnusable = nameof(UplinkFileUnusable);
    public const string OptionInvalidCompression = nameof(OptionInvalidCompression);
    public const string CommandJsonInvalid = nameof(CommandJsonInvalid);
    public const string CommandNotObject = nameof(CommandNotObject);
    public const string CommandFieldMissing = nameof(CommandFieldMissing);
    public const string CommandFieldInvalid = nameof(CommandFieldInvalid);
    public const string CommandNotUtf8 = nameof(CommandNotUtf8);
    public const string CommandSignatureMissing = nameof(CommandSignatureMissing);
    public const string CommandSignatureMismatch = nameof(CommandSignatureMismatch);
    public const string CommandExpired = nameof(CommandExpired);
    public const string CommandDuplicate = nameof(CommandDuplicate);
    public const string CommandStatusFollows = nameof(CommandStatusFollows);
    public const string CommandHandlerFailed = nameof(CommandHandlerFailed);
    public const string CommandHandlerTimedOut = nameof(CommandHandlerTimedOut);

    private static readonly ResourceManager Messages =
        new("SmartCampus.Edge.Sync.Resources.SyncMessages", typeof(SyncText).Assembly);

    public static string Format(string name, params object?[] arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        var template = Messages.GetString(name, culture)
            ?? throw new InvalidOperationException($"The resource string '{name}' is missing from SyncMessages.resx.");

        return string.Format(culture, template, arguments);
    }

    /// <summary>Joins validation problems under one heading so that all of them reach the technician at once.</summary>
    public static string FormatProblems(string optionsName, IEnumerable<string> problems)
    {
        var heading = Format(OptionsInvalid, optionsName);
        return heading + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(problem => "- " + problem));
    }
}
