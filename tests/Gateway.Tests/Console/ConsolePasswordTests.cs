using System.Net;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The password page against a whole gateway: the current password is required and the change is audited.</summary>
public sealed class ConsolePasswordTests
{
    private const string Username = "technician";
    private const string OldPassword = "correct-horse-battery";
    private const string NewPassword = "staple-lamp-river-42";

    [Fact]
    public async Task Change_NeedsCurrentPassword()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, OldPassword);

        var (wrongStatus, wrongBody, _) = await client.PostFormAsync("/password", "/password", Fields("not-the-password", NewPassword, NewPassword));
        var (mismatchStatus, mismatchBody, _) = await client.PostFormAsync("/password", "/password", Fields(OldPassword, NewPassword, NewPassword + "x"));
        var (okStatus, okBody, _) = await client.PostFormAsync("/password", "/password", Fields(OldPassword, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Contains("The current password is wrong; the password was not changed.", wrongBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mismatchStatus);
        Assert.True(okStatus == HttpStatusCode.OK, okBody);
        Assert.Contains("The password was changed.", okBody, StringComparison.Ordinal);

        using var fresh = new ConsoleClient(rig);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LogInAsync(Username, OldPassword)).Status);
        var (loginStatus, _, location) = await fresh.LogInAsync(Username, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, loginStatus);
        Assert.Equal("/", location?.OriginalString);
        var log = rig.ReadLog();
        Assert.Contains($"Audit: {Username} from 127.0.0.1 password-change console-account: rejected: current password wrong", log, StringComparison.Ordinal);
        Assert.Contains($"Audit: {Username} from 127.0.0.1 password-change console-account: changed", log, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, log, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string current, string password, string repeat) =>
        new() { ["current"] = current, ["password"] = password, ["repeat"] = repeat };
}
