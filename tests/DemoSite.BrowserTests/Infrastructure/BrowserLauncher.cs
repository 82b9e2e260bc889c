using Microsoft.Playwright;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>
/// Starts a headless Chromium for Playwright: the system's Chromium when there is one (Playwright's own browser
/// download cannot be relied on), otherwise the browser Playwright installed, if any.
/// </summary>
internal static class BrowserLauncher
{
    /// <summary>Set it to a Chromium or Chrome executable to use that one.</summary>
    public const string ExecutableVariable = "PASSKEYS_TEST_CHROMIUM";

    private static readonly string[] SystemChromiums = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    // Without the networking switches Chromium keeps trying to reach outside hosts.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    /// <summary>Starts Playwright and a browser, or skips the tests (fails them on CI) saying why and what to install.</summary>
    /// <param name="extraArguments">More command-line switches for this browser.</param>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(params string[] extraArguments)
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (string.IsNullOrWhiteSpace(executable))
        {
            executable = SystemChromiums.FirstOrDefault(File.Exists);
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = [.. Arguments, .. extraArguments],
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch (Exception e) when (e is PlaywrightException or InvalidOperationException or IOException or TimeoutException)
        {
            playwright?.Dispose();
            var which = executable is null
                ? "No Chromium was found (looked for " + string.Join(", ", SystemChromiums) + ") and Playwright's own browser could not be started"
                : $"Chromium at {executable} could not be started";
            Prerequisite.Missing(
                $"The browser tests need Chromium. {which}: {FirstLine(e.Message)} " +
                $"Install it with `apt-get install chromium` (or point {ExecutableVariable} at a Chromium or Chrome), then run the tests again.");
            throw;
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? message;
        return line.EndsWith('.') ? line : line + ".";
    }
}
