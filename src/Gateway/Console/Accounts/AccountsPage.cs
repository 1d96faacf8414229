using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Accounts;

/// <summary>
/// Console accounts, for administrators only: add an account with a role, reset its password, disable, enable or
/// delete it. A new or reset account gets a one-time code that is shown here once. Its owner signs in with the code
/// and must then choose a password. Every change is audited under the administrator's name.
/// </summary>
internal static class AccountsPage
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/accounts").RequireAuthorization(ConsoleRoles.AdministratorPolicy);
        group.MapGet(string.Empty, (HttpContext context, ConsoleAccountStore accounts, TimeProvider timeProvider) =>
            Render(ConsolePage.For(context), accounts, timeProvider, null, false));
        group.MapPost("/add", AddAsync);
        group.MapPost("/reset", (HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider) =>
            ChangeAsync(context, accounts, audit, timeProvider, "account-reset"));
        group.MapPost("/disable", (HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider) =>
            ChangeAsync(context, accounts, audit, timeProvider, "account-disable"));
        group.MapPost("/enable", (HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider) =>
            ChangeAsync(context, accounts, audit, timeProvider, "account-enable"));
        group.MapPost("/delete", (HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider) =>
            ChangeAsync(context, accounts, audit, timeProvider, "account-delete"));
    }

    private static async Task<IResult> AddAsync(HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString().Trim();
        var role = form["role"].ToString();

        var result = accounts.Add(username, role, out var code);
        await RecordAsync(context, audit, "account-add", username, result == AccountChangeResult.Done ? $"added as {role}" : $"rejected: {result}");

        var page = ConsolePage.For(context);
        if (result != AccountChangeResult.Done)
        {
            return Render(page, accounts, timeProvider, Problem(result, username), true, StatusCodes.Status400BadRequest);
        }

        return Render(page, accounts, timeProvider, ConsoleText.Format("AccountAdded", username, RoleText(role)), false, oneTimeCode: (username, code));
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, ConsoleAccountStore accounts, ConsoleAudit audit, TimeProvider timeProvider, string action)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString();

        var code = string.Empty;
        var result = action switch
        {
            "account-reset" => accounts.ResetPassword(username, out code),
            "account-disable" => accounts.SetDisabled(username, disabled: true),
            "account-enable" => accounts.SetDisabled(username, disabled: false),
            _ => accounts.Delete(username),
        };
        await RecordAsync(context, audit, action, username, result == AccountChangeResult.Done ? "done" : $"rejected: {result}");

        var page = ConsolePage.For(context);
        if (result != AccountChangeResult.Done)
        {
            var status = result == AccountChangeResult.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Render(page, accounts, timeProvider, Problem(result, username), true, status);
        }

        var doneKey = action switch
        {
            "account-reset" => "AccountResetDone",
            "account-disable" => "AccountDisableDone",
            "account-enable" => "AccountEnableDone",
            _ => "AccountDeleteDone",
        };
        return Render(page, accounts, timeProvider, ConsoleText.Format(doneKey, username), false, oneTimeCode: code.Length > 0 ? (username, code) : null);
    }

    private static Task RecordAsync(HttpContext context, ConsoleAudit audit, string action, string username, string outcome) =>
        audit.RecordAsync(context.User.Identity?.Name ?? "?", SessionEndpoints.ClientOf(context), action, $"console-account {username}", outcome, context.RequestAborted);

    private static string Problem(AccountChangeResult result, string username) => result switch
    {
        AccountChangeResult.InvalidUsername => ConsoleText.Get("UsernameInvalid"),
        AccountChangeResult.InvalidRole => ConsoleText.Get("AccountRoleInvalid"),
        AccountChangeResult.AlreadyExists => ConsoleText.Format("AccountExists", username),
        AccountChangeResult.LastAdministrator => ConsoleText.Format("AccountLastAdministrator", username),
        _ => ConsoleText.Format("AccountNotFound", username),
    };

    private static string RoleText(string role) =>
        ConsoleText.Get(role == ConsoleRoles.Administrator ? "RoleAdministrator" : "RoleTechnician");

    private static IResult Render(
        ConsolePage page, ConsoleAccountStore accounts, TimeProvider timeProvider, string? notice, bool isError,
        int statusCode = StatusCodes.Status200OK, (string Username, string Code)? oneTimeCode = null)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(Html.E(ConsoleText.Get("AccountsExplain"))).Append("</p>");
        if (oneTimeCode is { } issued)
        {
            var hours = (int)ConsoleAccountStore.OneTimeCodeLifetime.TotalHours;
            body.Append("<p class=\"banner\" id=\"one-time-code-explain\">").Append(Html.E(ConsoleText.Format("AccountCodeExplain", issued.Username, hours)))
                .Append(" <strong id=\"one-time-code\">").Append(Html.E(issued.Code)).Append("</strong></p>");
        }

        AppendTable(body, page, accounts.List(), timeProvider.GetUtcNow());
        AppendAddForm(body, page);
        return page.Render("AccountsTitle", body.ToString(), notice, isError, statusCode);
    }

    private static void AppendTable(StringBuilder body, ConsolePage page, IReadOnlyList<ConsoleAccount> accounts, DateTimeOffset now)
    {
        body.Append("<table id=\"accounts\"><thead><tr><th>").Append(Html.E(ConsoleText.Get("Username")))
            .Append("</th><th>").Append(Html.E(ConsoleText.Get("AccountRole")))
            .Append("</th><th>").Append(Html.E(ConsoleText.Get("AccountState")))
            .Append("</th><th>").Append(Html.E(ConsoleText.Get("AccountCreated")))
            .Append("</th><th></th></tr></thead><tbody>");
        foreach (var account in accounts)
        {
            body.Append("<tr data-account=\"").Append(Html.E(account.Username)).Append("\"><td>").Append(Html.E(account.Username))
                .Append("</td><td data-field=\"role\">").Append(Html.E(RoleText(account.Role)))
                .Append("</td><td data-field=\"state\">").Append(Html.E(StateText(account, now)))
                .Append("</td><td>").Append(Html.E(account.Created.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append("</td><td class=\"actions\">");
            body.Append(ActionForm(page, "/accounts/reset", account.Username, "AccountReset", "reset"));
            body.Append(account.Disabled
                ? ActionForm(page, "/accounts/enable", account.Username, "AccountEnable", "enable")
                : ActionForm(page, "/accounts/disable", account.Username, "AccountDisable", "disable"));
            body.Append(ActionForm(page, "/accounts/delete", account.Username, "AccountDelete", "delete danger"));
            body.Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    private static string StateText(ConsoleAccount account, DateTimeOffset now)
    {
        if (account.Disabled)
        {
            return ConsoleText.Get("AccountStateDisabled");
        }

        if (account.OneTimeCodeExpires is { } expires)
        {
            return expires > now
                ? ConsoleText.Format("AccountStateCodePending", expires.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                : ConsoleText.Get("AccountStateCodeExpired");
        }

        return ConsoleText.Get("AccountStateEnabled");
    }

    private static string ActionForm(ConsolePage page, string action, string username, string textKey, string cssClass) =>
        page.Form(action, $"""<input type="hidden" name="username" value="{Html.E(username)}"><button type="submit" class="{cssClass}">{Html.E(ConsoleText.Get(textKey))}</button>""", "inline");

    private static void AppendAddForm(StringBuilder body, ConsolePage page)
    {
        body.Append("<h2>").Append(Html.E(ConsoleText.Get("AccountAdd"))).Append("</h2>");
        body.Append(page.Form("/accounts/add", $"""
            <label>{Html.E(ConsoleText.Get("Username"))}<input name="username" id="new-username" autocomplete="off" required></label>
            <label>{Html.E(ConsoleText.Get("AccountRole"))}<select name="role" id="new-role">
            <option value="{ConsoleRoles.Technician}">{Html.E(ConsoleText.Get("RoleTechnician"))}</option>
            <option value="{ConsoleRoles.Administrator}">{Html.E(ConsoleText.Get("RoleAdministrator"))}</option>
            </select></label>
            <button type="submit" id="add-account">{Html.E(ConsoleText.Get("AccountAdd"))}</button>
            """, "stack narrow"));
    }
}
