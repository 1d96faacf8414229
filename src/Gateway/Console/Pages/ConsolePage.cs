using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Pages;

/// <summary>
/// The shell of every page: header, navigation, language switch and the page body. Plain HTML and one local style
/// sheet and script, so the page works on a phone in a server room without any outside request.
/// </summary>
internal sealed class ConsolePage
{
    private static readonly (string Path, string TextKey)[] Navigation =
    [
        ("/", "NavOverview"),
        ("/devices", "NavDevices"),
        ("/alarms", "NavAlarms"),
        ("/rules", "NavRules"),
        ("/diagnostics", "NavDiagnostics"),
        ("/configuration", "NavConfiguration"),
    ];

    private ConsolePage(HttpContext context, string csrfToken)
    {
        Context = context;
        CsrfToken = csrfToken;
    }

    public HttpContext Context { get; }

    public string CsrfToken { get; }

    public string? User => Context.User.Identity?.IsAuthenticated == true ? Context.User.Identity.Name : null;

    public bool IsAdministrator => User is not null && Context.User.IsInRole(ConsoleRoles.Administrator);

    public static ConsolePage For(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new ConsolePage(context, tokens.RequestToken ?? string.Empty);
    }

    public string Form(string action, string inner, string? cssClass = null) =>
        $"<form method=\"post\" action=\"{Html.E(action)}\"{(cssClass is null ? string.Empty : $" class=\"{cssClass}\"")}>{Html.Csrf(CsrfToken)}{inner}</form>";

    /// <summary>Renders the page; <paramref name="notice"/> is a banner above the body (an error when <paramref name="isError"/>).</summary>
    public IResult Render(string titleKey, string body, string? notice = null, bool isError = false, int statusCode = StatusCodes.Status200OK, string? streamUrl = null)
    {
        var title = ConsoleText.Get(titleKey);
        var language = CultureInfo.CurrentUICulture.Name == "zh-CN" ? "zh-CN" : "en";
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" – SmartCampus.Edge</title>")
            .Append("<link rel=\"stylesheet\" href=\"/static/console.css\"><script src=\"/static/console.js\" defer></script></head>");
        html.Append("<body").Append(streamUrl is null ? string.Empty : $" data-stream=\"{Html.E(streamUrl)}\"").Append('>');
        html.Append("<header><span class=\"brand\">SmartCampus.Edge</span>");
        if (User is not null)
        {
            html.Append("<nav>");
            foreach (var (path, textKey) in Navigation)
            {
                var current = Context.Request.Path.Value == path ? " aria-current=\"page\"" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{path}\"{current}>{Html.E(ConsoleText.Get(textKey))}</a>");
            }

            if (IsAdministrator)
            {
                var current = Context.Request.Path.Value == "/accounts" ? " aria-current=\"page\"" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"/accounts\"{current}>{Html.E(ConsoleText.Get("NavAccounts"))}</a>");
            }

            html.Append("</nav>");
        }

        html.Append("<div class=\"tools\">").Append(LanguageSwitch(language));
        if (User is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/password\" id=\"password-link\">{Html.E(ConsoleText.Get("NavPassword"))}</a>");
            html.Append(Form("/logout", $"<button type=\"submit\" class=\"link\">{Html.E(ConsoleText.Format("Logout", User))}</button>", "inline"));
        }

        html.Append("</div></header><main><h1>").Append(Html.E(title)).Append("</h1>");
        if (notice is not null)
        {
            html.Append("<p class=\"banner").Append(isError ? " error" : string.Empty).Append("\" role=\"status\">").Append(Html.E(notice)).Append("</p>");
        }

        html.Append(body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private string LanguageSwitch(string current)
    {
        var other = current == "zh-CN" ? "en" : "zh-CN";
        var label = other == "en" ? "English" : "中文";
        var back = Html.E(Context.Request.Path.Value ?? "/");
        return Form("/language", $"<input type=\"hidden\" name=\"language\" value=\"{other}\"><input type=\"hidden\" name=\"back\" value=\"{back}\"><button type=\"submit\" class=\"link\" id=\"language-switch\">{label}</button>", "inline");
    }
}
