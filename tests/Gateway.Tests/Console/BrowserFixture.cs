using Microsoft.Playwright;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright; no browser is downloaded. A missing or broken Chromium fails
/// the tests with the command that installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string InstallHint = "install Debian's Chromium: apt-get install chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: {InstallHint}");
        _playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        }
        catch (PlaywrightException exception)
        {
            Assert.Fail($"Chromium at {ChromiumPath} did not start ({exception.Message}); {InstallHint}");
        }
    }

    /// <summary>A fresh browser profile (no cookies) that accepts the console's self-signed certificate, as a technician does once.</summary>
    public async Task<IPage> NewPageAsync(string language = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            Locale = language,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
