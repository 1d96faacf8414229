namespace SmartCampus.Edge.Gateway.WebConsole.Pages;

/// <summary>Names shared by forms, the anti-forgery set-up and the tests.</summary>
internal static class ConsoleForms
{
    public const string CsrfField = "__csrf";

    public const string CsrfHeader = "X-CSRF-Token";

    public const string SessionCookie = "sc-console";

    public const string LanguageCookie = "sc-lang";

    public const string CsrfCookie = "sc-csrf";
}
