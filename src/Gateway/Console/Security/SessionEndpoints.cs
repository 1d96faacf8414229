using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>First-start setup, login, logout and the language switch: the only pages served without a session.</summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/setup", ShowSetup).AllowAnonymous();
        routes.MapPost("/setup", CompleteSetupAsync).AllowAnonymous();
        routes.MapGet("/login", ShowLogin).AllowAnonymous();
        routes.MapPost("/login", LoginAsync).AllowAnonymous();
        routes.MapPost("/logout", LogoutAsync);
        routes.MapPost("/language", (Func<HttpContext, Task<IResult>>)SwitchLanguage).AllowAnonymous();
    }

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static IResult ShowSetup(HttpContext context, ConsoleAccountStore accounts) =>
        accounts.HasAccount ? Results.Redirect("/login") : RenderSetup(ConsolePage.For(context), null, StatusCodes.Status200OK);

    private static async Task<IResult> CompleteSetupAsync(HttpContext context, ConsoleAccountStore accounts, LoginThrottle throttle, ConsoleAudit audit)
    {
        if (accounts.HasAccount)
        {
            return Results.Redirect("/login");
        }

        var client = ClientOf(context);
        if (throttle.LockedFor(client) is { } locked)
        {
            return RenderSetup(ConsolePage.For(context), LockoutText(locked), StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        var problem = ConsoleAccountStore.IsValidUsername(username) ? ConsolePasswordPolicy.Check(password, form["repeat"]) : "UsernameInvalid";
        if (problem is not null)
        {
            return RenderSetup(ConsolePage.For(context), ConsoleText.Format(problem, ConsolePasswordPolicy.MinLength), StatusCodes.Status400BadRequest);
        }

        var result = accounts.CompleteSetup(form["code"].ToString(), username, password);
        if (result == SetupResult.WrongCode)
        {
            await audit.RecordAsync(username, client, "setup", "console-account", "wrong-setup-code", context.RequestAborted);
            var lockout = throttle.RecordFailure(client);
            var text = lockout is { } started ? LockoutText(started) : ConsoleText.Get("SetupCodeWrong");
            return RenderSetup(ConsolePage.For(context), text, lockout is null ? StatusCodes.Status400BadRequest : StatusCodes.Status429TooManyRequests);
        }

        if (result != SetupResult.Created)
        {
            // No code can be guessed here, so the attempt does not count towards the lockout.
            var text = ConsoleText.Get(result == SetupResult.AlreadyUsed ? "SetupCodeUsed" : "SetupCodeMissing");
            return RenderSetup(ConsolePage.For(context), text, StatusCodes.Status409Conflict);
        }

        throttle.RecordSuccess(client);
        await audit.RecordAsync(username, client, "setup", $"console-account {username}", "created as administrator", context.RequestAborted);
        await ConsoleSessions.SignInAsync(context, accounts.List().Single(account => account.Username == username));
        return Results.Redirect("/");
    }

    private static IResult ShowLogin(HttpContext context, ConsoleAccountStore accounts) =>
        accounts.HasAccount ? RenderLogin(ConsolePage.For(context), null, StatusCodes.Status200OK) : Results.Redirect("/setup");

    private static async Task<IResult> LoginAsync(HttpContext context, ConsoleAccountStore accounts, LoginThrottle throttle, ConsoleAudit audit, ILogger<ConsoleAccountStore> logger)
    {
        if (!accounts.HasAccount)
        {
            return Results.Redirect("/setup");
        }

        var client = ClientOf(context);
        if (throttle.LockedFor(client) is { } locked)
        {
            return RenderLogin(ConsolePage.For(context), LockoutText(locked), StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString().Trim();
        if (accounts.Verify(username, form["password"]) is not { } account)
        {
            ConsoleLog.LoginFailed(logger, username, client);
            await audit.RecordAsync(username, client, "login", "console", "rejected", context.RequestAborted);
            if (throttle.RecordFailure(client) is { } lockout)
            {
                ConsoleLog.ClientLockedOut(logger, client, lockout.TotalSeconds, LoginThrottle.MaxFailures);
                return RenderLogin(ConsolePage.For(context), LockoutText(lockout), StatusCodes.Status429TooManyRequests);
            }

            return RenderLogin(ConsolePage.For(context), ConsoleText.Get("LoginWrong"), StatusCodes.Status401Unauthorized);
        }

        throttle.RecordSuccess(client);
        await audit.RecordAsync(username, client, "login", "console", account.MustChangePassword ? "ok with one-time code" : "ok", context.RequestAborted);
        await ConsoleSessions.SignInAsync(context, account);
        return Results.Redirect(account.MustChangePassword ? "/password" : "/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ConsoleAudit audit, EndedSessions endedSessions)
    {
        await audit.RecordAsync(context.User.Identity?.Name ?? "?", ClientOf(context), "logout", "console", "ok", context.RequestAborted);
        var ticket = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        endedSessions.End(context.User.FindFirst(ConsoleSessions.SessionIdClaim)?.Value, ticket?.ExpiresUtc);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login");
    }

    /// <summary>Stores the chosen language in a cookie and returns to the page the switch was on (local paths only).</summary>
    private static async Task<IResult> SwitchLanguage(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var language = form["language"].ToString();
        if (language is "zh-CN" or "en")
        {
            context.Response.Cookies.Append(ConsoleForms.LanguageCookie, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        var back = form["back"].ToString();
        var local = back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal);
        return Results.Redirect(local ? back : "/");
    }

    private static string LockoutText(TimeSpan left) =>
        ConsoleText.Format("LoginLockedOut", LoginThrottle.MaxFailures, Math.Max(1, (int)Math.Ceiling(left.TotalMinutes)));

    private static IResult RenderSetup(ConsolePage page, string? error, int statusCode)
    {
        var body = page.Form("/setup", $"""
            <p>{Html.E(ConsoleText.Get("SetupExplain"))}</p>
            <label>{Html.E(ConsoleText.Get("SetupCode"))}<input name="code" id="code" autocomplete="one-time-code" inputmode="numeric" required></label>
            <label>{Html.E(ConsoleText.Get("Username"))}<input name="username" id="username" value="admin" autocomplete="username" required></label>
            <label>{Html.E(ConsoleText.Format("NewPassword", ConsolePasswordPolicy.MinLength))}<input type="password" name="password" id="password" autocomplete="new-password" required></label>
            <label>{Html.E(ConsoleText.Get("RepeatPassword"))}<input type="password" name="repeat" id="repeat" autocomplete="new-password" required></label>
            <button type="submit" id="submit">{Html.E(ConsoleText.Get("SetupSubmit"))}</button>
            """, "stack narrow");
        return page.Render("SetupTitle", body, error, isError: error is not null, statusCode);
    }

    private static IResult RenderLogin(ConsolePage page, string? error, int statusCode)
    {
        var body = page.Form("/login", $"""
            <label>{Html.E(ConsoleText.Get("Username"))}<input name="username" id="username" autocomplete="username" required></label>
            <label>{Html.E(ConsoleText.Get("Password"))}<input type="password" name="password" id="password" autocomplete="current-password" required></label>
            <button type="submit" id="submit">{Html.E(ConsoleText.Get("LoginSubmit"))}</button>
            """, "stack narrow");
        return page.Render("LoginTitle", body, error, isError: error is not null, statusCode);
    }
}
