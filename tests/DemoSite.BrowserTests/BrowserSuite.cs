using DemoSite.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace DemoSite.BrowserTests;

/// <summary>
/// One browser and one site process for the whole suite (each test gets a browser context, so cookies and passkeys
/// of one test never reach another). No browser: every test is skipped with the reason, or fails when <c>CI=true</c>.
/// A site that does not start fails every test, with its log.
/// </summary>
[SetUpFixture]
public sealed class BrowserSuite
{
    /// <summary>Waits of pages and assertions: generous, for a loaded two-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;
    private static SiteProcess? s_site;

    public static IBrowser Browser => s_browser ?? throw new InvalidOperationException("The browser is not started.");

    public static SiteProcess Site => s_site ?? throw new InvalidOperationException("The site is not started.");

    [OneTimeSetUp]
    public static async Task StartBrowserAndSite()
    {
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        var screenshots = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        (s_playwright, s_browser) = await BrowserLauncher.LaunchAsync();
        s_site = await SiteProcess.StartAsync();
        TestContext.Progress.WriteLine($"Browser tests: {s_browser.BrowserType.Name} {s_browser.Version}, site at {s_site.Address}");
    }

    [OneTimeTearDown]
    public static async Task StopBrowserAndSite()
    {
        if (s_browser is not null)
        {
            await s_browser.CloseAsync();
        }

        s_playwright?.Dispose();
        if (s_site is not null)
        {
            await s_site.DisposeAsync();
        }
    }
}
