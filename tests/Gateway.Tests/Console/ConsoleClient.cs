using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// A browser-like HTTP client of the console: keeps cookies, follows no redirects (tests look at them), trusts
/// exactly the console's own certificate, and can connect from another loopback address to act as another client.
/// </summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(ConsoleRig rig, IPAddress? source = null)
    {
        var thumbprint = rig.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(new X509Certificate2(certificate).GetCertHashString(), thumbprint, StringComparison.Ordinal);
        if (source is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        Cookies = handler.CookieContainer;
        _http = new HttpClient(handler) { BaseAddress = rig.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<(HttpStatusCode Status, string Body)> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        _http.SendAsync(request, completion);

    /// <summary>Posts a form the way the page does: with the anti-forgery token of <paramref name="pagePath"/>.</summary>
    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> PostFormAsync(string pagePath, string action, IReadOnlyDictionary<string, string> fields)
    {
        var (_, page) = await GetPageAsync(pagePath);
        var token = CsrfToken(page);
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__csrf", token)));
        using var response = await _http.PostAsync(new Uri(action, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    /// <summary>Completes the first-start setup and leaves this client logged in.</summary>
    public async Task SetUpAsync(ConsoleRig rig, string username, string password)
    {
        var code = await rig.ReadSetupCodeAsync();
        var (status, body, location) = await PostSetupAsync(code, username, password);
        Assert.True(status == HttpStatusCode.Redirect, $"Setup returned {status}: {body}");
        Assert.Equal("/", location?.OriginalString);
    }

    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> PostSetupAsync(string code, string username, string password) =>
        await PostFormAsync("/setup", "/setup", new Dictionary<string, string>
        {
            ["code"] = code,
            ["username"] = username,
            ["password"] = password,
            ["repeat"] = password,
        });

    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> LogInAsync(string username, string password) =>
        await PostFormAsync("/login", "/login", new Dictionary<string, string> { ["username"] = username, ["password"] = password });

    public static string CsrfToken(string page) =>
        CsrfPattern().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No anti-forgery token in the page:\n{page}");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();
}
