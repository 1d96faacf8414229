using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Changes the console password of the signed-in account. The current password (or the one-time code the account
/// signed in with) is required, so an unattended open session is not enough to take the account over, and wrong
/// ones count against the same limit as logins. A change ends the account's other sessions.
/// </summary>
internal static class PasswordPage
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/password", (HttpContext context) =>
        {
            var mustChange = context.User.FindFirst(ConsoleSessions.MustChangePasswordClaim) is not null;
            return Render(ConsolePage.For(context), mustChange ? ConsoleText.Get("PasswordMustChange") : null, false, StatusCodes.Status200OK);
        });
        routes.MapPost("/password", ChangeAsync);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, ConsoleAccountStore accounts, LoginThrottle throttle, ConsoleAudit audit, ILogger<ConsoleAccountStore> logger)
    {
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);
        if (throttle.LockedFor(client) is { } locked)
        {
            return Render(ConsolePage.For(context), LockoutText(locked), true, StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var password = form["password"].ToString();
        var problem = ConsolePasswordPolicy.Check(password, form["repeat"]);
        if (problem is not null)
        {
            return Render(ConsolePage.For(context), ConsoleText.Format(problem, ConsolePasswordPolicy.MinLength), true, StatusCodes.Status400BadRequest);
        }

        if (accounts.TryChangePassword(user, form["current"].ToString(), password) is not { } changed)
        {
            ConsoleLog.LoginFailed(logger, user, client);
            await audit.RecordAsync(user, client, "password-change", "console-account", "rejected: current password wrong", context.RequestAborted);
            if (throttle.RecordFailure(client) is { } lockout)
            {
                ConsoleLog.ClientLockedOut(logger, client, lockout.TotalSeconds, LoginThrottle.MaxFailures);
                return Render(ConsolePage.For(context), LockoutText(lockout), true, StatusCodes.Status429TooManyRequests);
            }

            return Render(ConsolePage.For(context), ConsoleText.Get("PasswordCurrentWrong"), true, StatusCodes.Status401Unauthorized);
        }

        throttle.RecordSuccess(client);
        await audit.RecordAsync(user, client, "password-change", "console-account", "changed; other sessions ended", context.RequestAborted);

        // The change gave the account a new session stamp, which ends every other session; this one gets a new cookie.
        await ConsoleSessions.SignInAsync(context, changed);
        return Render(ConsolePage.For(context), ConsoleText.Get("PasswordChanged"), false, StatusCodes.Status200OK);
    }

    private static string LockoutText(TimeSpan left) =>
        ConsoleText.Format("LoginLockedOut", LoginThrottle.MaxFailures, Math.Max(1, (int)Math.Ceiling(left.TotalMinutes)));

    private static IResult Render(ConsolePage page, string? notice, bool isError, int statusCode)
    {
        var body = page.Form("/password", $"""
            <label>{Html.E(ConsoleText.Get("PasswordCurrent"))}<input type="password" name="current" id="current" autocomplete="current-password" required></label>
            <label>{Html.E(ConsoleText.Format("NewPassword", ConsolePasswordPolicy.MinLength))}<input type="password" name="password" id="password" autocomplete="new-password" required></label>
            <label>{Html.E(ConsoleText.Get("RepeatPassword"))}<input type="password" name="repeat" id="repeat" autocomplete="new-password" required></label>
            <button type="submit" id="submit">{Html.E(ConsoleText.Get("PasswordSubmit"))}</button>
            """, "stack narrow");
        return page.Render("PasswordTitle", body, notice, isError, statusCode);
    }
}
