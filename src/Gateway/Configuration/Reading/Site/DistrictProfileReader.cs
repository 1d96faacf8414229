using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

/// <summary>
/// Reads the district link's profile and its ThingsBoard keys: <c>profile</c>, <c>accessTokenFile</c> (required with
/// thingsboard, where the token replaces user name and password) and <c>rpc</c> (thingsboard only). Keys of the
/// SmartCampus topics that ThingsBoard has no use for are reported with thingsboard, so none is silently ignored.
/// </summary>
internal static class DistrictProfileReader
{
    public const string TokenFileExample = "/etc/smartcampus-edge/thingsboard.token";

    private static readonly ChoiceSet<DistrictProfile> Profiles = new(
        ("smartcampus", DistrictProfile.SmartCampus),
        ("thingsboard", DistrictProfile.ThingsBoard));

    private static readonly string[] IgnoredByThingsBoard = ["username", "password", "passwordFile", "commandKeyFile", "topicPrefix", "compression", "maxBatchAge", "alarmConnection", "alarmReconnectDelay"];

    public static (DistrictProfile Profile, string? AccessTokenFile, bool Rpc) Read(MappingReader district)
    {
        var profileValue = district.Key("profile");
        var tokenValue = district.Key("accessTokenFile");
        var rpcValue = district.Key("rpc");
        var profile = profileValue.OptionalChoice(Profiles) ?? DistrictProfile.SmartCampus;
        var tokenFile = tokenValue.OptionalExistingFile(TokenFileExample);
        var rpc = rpcValue.OptionalBoolean("true");

        if (profile == DistrictProfile.ThingsBoard)
        {
            if (!tokenValue.IsPresent)
            {
                district.ReportMissingKey("accessTokenFile", new ProblemMessage(MessageKeys.ThingsBoardNeedsAccessToken), TokenFileExample);
            }

            // Keys of the SmartCampus topics that the ThingsBoard profile would silently ignore.
            foreach (var key in IgnoredByThingsBoard)
            {
                var value = district.Key(key);
                if (value.IsPresent)
                {
                    value.Report(ConfigurationProblemKind.InvalidCombination, null, new ProblemMessage(MessageKeys.ThingsBoardIgnoredKey, key));
                }
            }
        }
        else
        {
            foreach (var value in (ReadOnlySpan<ValueReader>)[tokenValue, rpcValue])
            {
                if (value.IsPresent)
                {
                    value.Report(ConfigurationProblemKind.InvalidCombination, value.RawText, new ProblemMessage(MessageKeys.ThingsBoardOnlyKey, value.Key));
                }
            }
        }

        return (profile, tokenFile, rpc ?? false);
    }
}
