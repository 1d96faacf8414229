using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Session cookies tied to the account store. A cookie carries the account's name, role and session stamp, and
/// every request checks them against the store. So a password change or reset, or a disabled or deleted account,
/// ends the account's other sessions at their next request, not when the cookie expires.
/// </summary>
/// <remarks>
/// A server-sent event stream outlives the request check, so it watches its session with <see cref="LiveSession"/>.
/// </remarks>
internal static class ConsoleSessions
{
    public const string StampClaim = "sc-session-stamp";

    /// <summary>Random id of one sign-in, so that logout can end that session alone (<see cref="EndedSessions"/>).</summary>
    public const string SessionIdClaim = "sc-session-id";

    /// <summary>Present while the account signed in with a one-time code and has not chosen its own password yet.</summary>
    public const string MustChangePasswordClaim = "sc-must-change-password";

    /// <summary>Paths a session that must change its password may still use.</summary>
    private static readonly string[] OpenBeforePasswordChange = ["/password", "/logout", "/language"];

    public static Task SignInAsync(HttpContext context, ConsoleAccount account)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, account.Username),
            new(ClaimTypes.Role, account.Role),
            new(StampClaim, account.SessionStamp),
            new(SessionIdClaim, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))),
        ];
        if (account.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        }

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The cookie handler's check of every request's session against the account store.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<ConsoleAccountStore>();
        var principal = context.Principal;
        var account = accounts.FindSession(principal?.Identity?.Name, principal?.FindFirst(StampClaim)?.Value);
        var loggedOut = context.HttpContext.RequestServices.GetRequiredService<EndedSessions>().IsEnded(principal?.FindFirst(SessionIdClaim)?.Value);
        if (account is not null && !loggedOut && principal!.IsInRole(account.Role))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Sends a session signed in with a one-time code to the password page until it has chosen a password: pages
    /// are redirected there, other requests get 403.
    /// </summary>
    public static void UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value ?? "/";
        var open = OpenBeforePasswordChange.Contains(path, StringComparer.Ordinal) || path.StartsWith("/static/", StringComparison.Ordinal);
        if (open || context.User.FindFirst(MustChangePasswordClaim) is null)
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect("/password");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    });
}
