using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// The response to a signed-in account that lacks the role for a page or action (a technician opening the accounts
/// page or applying a configuration): status 403 with a page in the request's language, and an audit record.
/// </summary>
internal static class ForbiddenPage
{
    public static async Task WriteAsync(RedirectContext<CookieAuthenticationOptions> redirect)
    {
        var context = redirect.HttpContext;
        var audit = context.RequestServices.GetRequiredService<ConsoleAudit>();
        var user = context.User.Identity?.Name ?? "?";
        var target = $"{context.Request.Method} {context.Request.Path.Value}";
        await audit.RecordAsync(user, SessionEndpoints.ClientOf(context), "access", target, "rejected: administrator role required", context.RequestAborted);

        var page = ConsolePage.For(context);
        var body = $"""<p id="forbidden">{Html.E(ConsoleText.Get("ForbiddenExplain"))}</p><p><a href="/">{Html.E(ConsoleText.Get("NavOverview"))}</a></p>""";
        await page.Render("ForbiddenTitle", body, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}
