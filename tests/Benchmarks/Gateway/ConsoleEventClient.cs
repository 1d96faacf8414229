using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// An operator with the devices page open: completes the console's first-start setup with the code from the
/// gateway's log, then reads <c>/devices/stream</c> (server-sent events) for as long as the benchmark runs, counting
/// the point updates and the distinct points it has seen. It accepts only a self-signed certificate: the console of the
/// gateway the benchmark started on 127.0.0.1 makes its own at first start.
/// </summary>
internal sealed partial class ConsoleEventClient : IAsyncDisposable
{
    private const string Username = "scale";
    private const string Password = "scale-bench-password-2026";

    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _points = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task _reader = Task.CompletedTask;
    private long _updates;
    private long _bytes;

    public ConsoleEventClient(int port)
    {
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        // The console's certificate is the self-signed one the gateway made at its first start in the benchmark's
        // temporary folder. Nothing else listens on that loopback port.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Subject == certificate.Issuer;
        _http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public long Updates => Interlocked.Read(ref _updates);

    public long Bytes => Interlocked.Read(ref _bytes);

    public int DistinctPoints
    {
        get
        {
            lock (_gate)
            {
                return _points.Count;
            }
        }
    }

    /// <summary>Sets the console's password with <paramref name="setupCode"/>, which logs this client in, and opens the stream.</summary>
    public async Task OpenAsync(string setupCode, CancellationToken cancellationToken)
    {
        using (var page = await _http.GetAsync(new Uri("/setup", UriKind.Relative), cancellationToken))
        {
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            var token = CsrfPattern().Match(html) is { Success: true } match
                ? WebUtility.HtmlDecode(match.Groups[1].Value)
                : throw new InvalidOperationException($"The setup page ({page.StatusCode}) has no anti-forgery token.");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = setupCode,
                ["username"] = Username,
                ["password"] = Password,
                ["repeat"] = Password,
                ["__csrf"] = token,
            });
            using var setup = await _http.PostAsync(new Uri("/setup", UriKind.Relative), form, cancellationToken);
            if (setup.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The console's setup answered {setup.StatusCode}.");
            }
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/devices/stream", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            throw new InvalidOperationException($"/devices/stream answered {response.StatusCode} {response.Content.Headers.ContentType}.");
        }

        _reader = Task.Run(() => ReadAsync(response, _stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
        {
            // The gateway was stopped first, or the stream was cancelled here.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var inPoints = false;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                Interlocked.Add(ref _bytes, line.Length + 1);
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    inPoints = line == "event: points";
                }
                else if (inPoints && line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Count(line["data: ".Length..]);
                }
            }
        }
    }

    private void Count(string json)
    {
        using var document = JsonDocument.Parse(json);
        var count = 0;
        lock (_gate)
        {
            foreach (var point in document.RootElement.EnumerateArray())
            {
                _points.Add(point.GetProperty("id").GetString() ?? string.Empty);
                count++;
            }
        }

        Interlocked.Add(ref _updates, count);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();
}
