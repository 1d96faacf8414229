using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>The console's own steps of the request pipeline: language, security headers, anti-forgery, errors.</summary>
internal static class ConsoleMiddleware
{
    /// <summary>
    /// Pages load only the gateway's own style sheet and script; nothing may be framed or fetched from elsewhere.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Sets the request's culture from the language cookie, else the gateway's operator language.</summary>
    public static void UseConsoleCulture(this IApplicationBuilder app, OperatorLanguage language) => app.Use(async (context, next) =>
    {
        var chosen = context.Request.Cookies[ConsoleForms.LanguageCookie] switch
        {
            "zh-CN" => CultureInfo.GetCultureInfo("zh-CN"),
            "en" => CultureInfo.GetCultureInfo("en"),
            _ => language.Culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("zh-CN") : CultureInfo.GetCultureInfo("en"),
        };

        CultureInfo.CurrentUICulture = chosen;
        CultureInfo.CurrentCulture = chosen;
        await next(context);
    });

    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The same values the anti-forgery code sets on pages with a token, so it has nothing to override.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        await next(context);
    });

    /// <summary>
    /// Rejects every request that changes something (any method but GET and HEAD) without a valid anti-forgery
    /// token, whatever the endpoint, so a new endpoint cannot forget the check.
    /// </summary>
    public static void UseCsrfCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            var logger = context.RequestServices.GetRequiredService<ILogger<ConsoleAudit>>();
            ConsoleLog.CsrfRejected(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, SessionEndpoints.ClientOf(context));
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(ConsoleText.Get("CsrfRejected"), context.RequestAborted);
            return;
        }

        await next(context);
    });

    /// <summary>Logs an unexpected error and returns 500 with a plain message. The details stay in the log.</summary>
    public static void UseErrorPage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            var logger = context.RequestServices.GetRequiredService<ILogger<ConsoleAudit>>();
            ConsoleLog.RequestFailed(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, exception);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ConsoleText.Get("RequestFailed"), context.RequestAborted);
            }
        }
    });
}
