using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests.Infrastructure;

/// <summary>
/// A test in a fresh browser context (no cookies, no remembered user) with one page and a virtual platform
/// authenticator. A dialog (alert, confirm) or an uncaught script error fails the test: the site shows its messages
/// in the page. Each test saves screenshots to its output folder and attaches them.
/// </summary>
public abstract class BrowserTest
{
    // Notes the mediation of every navigator.credentials.get call of the tab ("conditional" for autofill, "optional"
    // for a button) in sessionStorage, which outlives the page's navigations.
    private const string CredentialRequestRecorder = """
        (() => {
          if (!window.navigator.credentials) return;
          const credentials = window.navigator.credentials;
          const get = credentials.get.bind(credentials);
          credentials.get = (options) => {
            const calls = JSON.parse(sessionStorage.getItem('test:credential-requests') || '[]');
            calls.push(options && options.mediation ? options.mediation : 'optional');
            sessionStorage.setItem('test:credential-requests', JSON.stringify(calls));
            return get(options);
          };
        })();
        """;

    private const string CredentialRequests = "JSON.parse(sessionStorage.getItem('test:credential-requests') || '[]')";

    /// <summary>The shortest step-up window (<c>RecentAuthenticationWindow</c>) a site accepts.</summary>
    protected static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(30);

    private readonly List<string> _dialogs = [];
    private readonly List<string> _scriptErrors = [];
    private IBrowserContext? _context;
    private IPage? _page;
    private ICDPSession? _devTools;
    private VirtualAuthenticator? _authenticator;

    protected static SiteProcess Site => BrowserSuite.Site;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("No browser context.");

    protected IPage Page => _page ?? throw new InvalidOperationException("No page.");

    /// <summary>Gets the DevTools session of <see cref="Page"/>, for the <c>WebAuthn</c> domain.</summary>
    protected ICDPSession DevTools => _devTools ?? throw new InvalidOperationException("No DevTools session.");

    /// <summary>Gets the authenticator every test starts with; it signs in as soon as it is asked.</summary>
    protected VirtualAuthenticator Authenticator => _authenticator ?? throw new InvalidOperationException("No authenticator.");

    [SetUp]
    public async Task OpenPageWithAuthenticator()
    {
        _dialogs.Clear();
        _scriptErrors.Clear();
        _context = await BrowserSuite.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        _context.SetDefaultTimeout((float)BrowserSuite.Patience.TotalMilliseconds);
        _context.SetDefaultNavigationTimeout((float)BrowserSuite.Patience.TotalMilliseconds * 2);
        await _context.AddInitScriptAsync(CredentialRequestRecorder);
        _page = await _context.NewPageAsync();
        _page.Dialog += (_, dialog) =>
        {
            lock (_dialogs)
            {
                _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            _ = dialog.DismissAsync();
        };
        _page.PageError += (_, error) =>
        {
            lock (_scriptErrors)
            {
                _scriptErrors.Add(error);
            }
        };

        _devTools = await _context.NewCDPSessionAsync(_page);
        await _devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        _authenticator = await VirtualAuthenticator.AddAsync(_devTools);
    }

    [TearDown]
    public async Task ClosePage()
    {
        if (_page is not null && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            try
            {
                await ScreenshotAsync("failure");
            }
            catch (PlaywrightException e)
            {
                await TestContext.Out.WriteLineAsync($"No failure screenshot: {e.Message}");
            }

            // The site's side of the story: its log since it started (the suite shares one site).
            await TestContext.Out.WriteLineAsync($"The site's log:\n{Site.Log}");
        }

        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        string[] dialogs, scriptErrors;
        lock (_dialogs)
        {
            dialogs = [.. _dialogs];
        }

        lock (_scriptErrors)
        {
            scriptErrors = [.. _scriptErrors];
        }

        Assert.Multiple(() =>
        {
            Assert.That(dialogs, Is.Empty, "The site opened a dialog; it shows its messages in the page.");
            Assert.That(scriptErrors, Is.Empty, "The page threw a script error.");
        });
    }

    /// <summary>Adds another authenticator to the page, as a second device or security key.</summary>
    protected Task<VirtualAuthenticator> AddAuthenticatorAsync(bool automaticPresence = true) => VirtualAuthenticator.AddAsync(DevTools, automaticPresence);

    /// <summary>Saves a screenshot of the page to the test's output folder and attaches it to the test result.</summary>
    protected async Task<string> ScreenshotAsync(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}.{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Animations = ScreenshotAnimations.Disabled });
        TestContext.AddTestAttachment(file, name);
        return file;
    }

    /// <summary>Gets the mediation of each passkey request this tab made: <c>conditional</c> (autofill) or <c>optional</c> (a button).</summary>
    protected Task<string[]> CredentialRequestsAsync() => Page.EvaluateAsync<string[]>(CredentialRequests);

    /// <summary>
    /// Shows the login page's user name field with its autofill request left unanswered, as for a person who has
    /// not picked a passkey from the list: the authenticator stops answering, the field appears (by "Switch user"
    /// or on a fresh login page), and once the page has made its autofill request the authenticator answers again,
    /// for the next request only (the one already waiting stays unanswered).
    /// </summary>
    protected async Task ShowUserNameFieldWithAutofillWaitingAsync(Func<Task> showField)
    {
        ArgumentNullException.ThrowIfNull(showField);
        await Authenticator.SetAutomaticPresenceAsync(false);
        await showField();
        await Expect(Page.GetByTestId("login-username")).ToBeVisibleAsync();
        // A function, not an expression: Playwright would poll an expression with eval, which the site's CSP forbids.
        await Page.WaitForFunctionAsync($"() => {CredentialRequests}.includes('conditional')");
        // A round trip through the browser process, which received the page's request before this command.
        await Authenticator.GetCredentialsAsync();
        await Authenticator.SetAutomaticPresenceAsync(true);
    }

    /// <summary>Signs up as a person does on the register page, and waits for the profile.</summary>
    protected Task SignUpAsync(TestUser user) => SignUpAsync(Page, user);

    /// <summary>
    /// Signs up on another device (a browser context and authenticator of its own), verifies the address there from
    /// the link in the pickup folder, and puts the device away.
    /// </summary>
    protected async Task SignUpOnAnotherDeviceAsync(TestUser user)
    {
        await using var phone = await BrowserSuite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Site.Address.ToString() });
        phone.SetDefaultTimeout((float)BrowserSuite.Patience.TotalMilliseconds);
        var page = await phone.NewPageAsync();
        var devTools = await phone.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await VirtualAuthenticator.AddAsync(devTools);
        await SignUpAsync(page, user);
        await VerifyEmailAsync(page, user);
    }

    /// <summary>
    /// Verifies the user's address as its owner does: opens the newest verification link in the pickup folder, checks
    /// the page names the address and account, presses the button and waits for the page to say it is verified.
    /// </summary>
    protected static async Task VerifyEmailAsync(IPage page, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(user);
        var link = await PickupMailbox.WaitForVerificationLinkAsync(Site.PickupDirectory, user.Email);
        await page.GotoAsync(link.ToString());
        await Expect(page.GetByTestId("email-verify-address")).ToHaveTextAsync(user.Email);
        await Expect(page.GetByTestId("email-verify-username")).ToHaveTextAsync(user.UserName);
        await page.GetByTestId("email-verify-button").ClickAsync();
        await Expect(page.GetByTestId("email-verify-done")).ToContainTextAsync($"Your address {user.Email} is confirmed.");
    }

    /// <summary>Signs up on <paramref name="site"/> (a site of the test's own) as a person does, and waits for its profile.</summary>
    protected Task SignUpAsync(TestUser user, SiteProcess site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return SignUpAsync(Page, user, site.Address);
    }

    /// <summary>
    /// Starts a site of the test's own whose step-up window is <see cref="ShortWindow"/>, so a test of what happens
    /// after the window waits half a minute rather than five.
    /// </summary>
    protected static Task<SiteProcess> StartSiteWithShortWindowAsync() => SiteProcess.StartAsync(new Dictionary<string, string>
    {
        ["Passkeys__RecentAuthenticationWindow"] = ShortWindow.ToString(),
    });

    private static async Task SignUpAsync(IPage page, TestUser user, Uri? site = null)
    {
        await page.GotoAsync(site is null ? "/register" : new Uri(site, "/register").ToString());
        await page.GetByTestId("register-display-name").FillAsync(user.DisplayName);
        await page.GetByTestId("register-username").FillAsync(user.UserName);
        await page.GetByTestId("register-email").FillAsync(user.Email);
        var submit = page.GetByTestId("register-submit");
        await Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();
        await Expect(page).ToHaveURLAsync(PathWithAnyQuery("/profile", site));
        await Expect(page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");
    }

    /// <summary>Signs up, logs out, and opens the login page from the navbar, which greets the remembered user.</summary>
    protected async Task<TestUser> SignUpAndLogOutAsync(string displayName)
    {
        var user = TestUser.Named(displayName);
        await SignUpAsync(user);
        await LogOutAsync();
        await Page.GetByTestId("nav-login").ClickAsync();
        await Expect(Page.GetByTestId("login-remembered")).ToBeVisibleAsync();
        return user;
    }

    /// <summary>Logs out with the navbar's button (a form post), and waits for the signed-out home page.</summary>
    protected async Task LogOutAsync()
    {
        await Page.GetByTestId("nav-logout").ClickAsync();
        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "false");
        await Expect(Page).ToHaveURLAsync(Address("/"));
    }

    /// <summary>Waits until the browser is on <paramref name="path"/> (its query aside) with a signed-in navbar.</summary>
    protected async Task ExpectSignedInOnAsync(string path)
    {
        await Expect(Page).ToHaveURLAsync(PathWithAnyQuery(path));
        await Expect(Page.GetByTestId("nav-links")).ToHaveAttributeAsync("data-signed-in", "true");
    }

    /// <summary>The last toast of <paramref name="kind"/> (success, warning, error).</summary>
    protected ILocator Toast(string kind) => Page.Locator($"[data-testid=toast][data-kind={kind}]").Last;

    protected static string Address(string path) => new Uri(Site.Address, path).ToString();

    /// <summary>Matches the site's <paramref name="path"/> with any query.</summary>
    private static Regex PathWithAnyQuery(string path, Uri? site = null)
        => new("^" + Regex.Escape((site ?? Site.Address).GetLeftPart(UriPartial.Authority) + path) + @"(\?.*)?$");
}
