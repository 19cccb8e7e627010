using CampaignSync.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace CampaignSync.IntegrationTests.Dashboard;

/// <summary>
/// Headless Debian chromium (<c>/usr/bin/chromium</c>, installed by .ci/run) driven by Playwright, which downloads no
/// browser of its own. Each page signs in with HTTP Basic credentials; screenshots go to
/// <c>artifacts/test-results/screenshots/</c> in the repository, beside the test results.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryFiles.Root, "artifacts", "test-results", "screenshots");

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (.ci/run does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A page in a fresh context that answers the dashboard's Basic challenge with these credentials.</summary>
    public async Task<IPage> NewPageAsync(string user, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = new HttpCredentials { Username = user, Password = password },
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        // Expect(...) has a timeout of its own (5 s) that the context's does not change: a page that a loaded machine
        // renders slowly must not fail an assertion that would pass a moment later.
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
