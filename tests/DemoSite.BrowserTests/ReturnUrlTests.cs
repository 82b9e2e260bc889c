using System.Text.RegularExpressions;
using DemoSite.BrowserTests.Infrastructure;
using CsCheck;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Tests.ReturnUrls;
using static Microsoft.Playwright.Assertions;

namespace DemoSite.BrowserTests;

/// <summary>
/// Open redirects in a real browser: sign-up, sign-in and an emailed link with a return URL that Chromium resolves to
/// <c>//evil.example/x</c> end on the site, and the scripts' navigation stays on the site for the whole corpus.
/// Every request to another host is recorded and refused, so a test sees an attempt to leave as well as a landing.
/// </summary>
public class ReturnUrlTests : BrowserTest
{
    private const int GeneratedUrls = 20_000;

    private readonly List<string> _offSite = [];

    private static IEnumerable<string> Reported => ReturnUrlCorpus.Reported;

    [SetUp]
    public async Task RecordRequestsToOtherHosts()
    {
        _offSite.Clear();
        await Context.RouteAsync(url => new Uri(url).Authority != Site.Address.Authority, async route =>
        {
            lock (_offSite)
            {
                _offSite.Add(route.Request.Url);
            }

            await route.AbortAsync();
        });
    }

    [TestCaseSource(nameof(Reported))]
    public async Task Sign_up_with_a_dot_segment_return_url_ends_on_the_profile(string returnUrl)
    {
        var user = TestUser.Named("Radia Perlman");
        await Page.GotoAsync("/register?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Expect(Page.GetByTestId("register-form")).ToHaveAttributeAsync("data-return-url", string.Empty);
        await Page.GetByTestId("register-display-name").FillAsync(user.DisplayName);
        await Page.GetByTestId("register-username").FillAsync(user.UserName);
        await Page.GetByTestId("register-email").FillAsync(user.Email);
        await Page.GetByTestId("register-submit").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await ExpectNeverLeftTheSiteAsync();
    }

    [TestCaseSource(nameof(Reported))]
    public async Task Sign_in_with_a_dot_segment_return_url_ends_on_the_profile(string returnUrl)
    {
        await SignUpAndLogOutAsync("Barbara Liskov");
        await Page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Expect(Page.GetByTestId("login")).ToHaveAttributeAsync("data-return-url", string.Empty);
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await Expect(Toast("success")).ToContainTextAsync("You are signed in.");
        await ExpectNeverLeftTheSiteAsync();
    }

    [TestCaseSource(nameof(Reported))]
    public async Task Emailed_link_with_a_dot_segment_return_url_ends_on_the_site(string returnUrl)
    {
        var user = TestUser.Named("Adele Goldberg");
        await SignUpOnAnotherDeviceAsync(user);
        var escaped = Uri.EscapeDataString(returnUrl);
        await ShowUserNameFieldWithAutofillWaitingAsync(() => Page.GotoAsync("/login?returnUrl=" + escaped));
        await Page.GetByTestId("login-show-email").ClickAsync();
        await Page.GetByTestId("login-email-address").FillAsync(user.Email);
        await Page.GetByTestId("login-email-send").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/email-login/sent$"));
        var link = await PickupMailbox.WaitForSignInLinkAsync(Site.PickupDirectory, user.Email);
        Assert.That(link.Fragment, Does.Not.Contain("returnUrl"), "The server drops the return URL from the link.");

        // The return URL put back into the link, as someone who edits it would: the confirm endpoint refuses it.
        await Page.GotoAsync(link + "&returnUrl=" + escaped);
        await Page.GetByTestId("email-confirm-button").ClickAsync();

        await ExpectSignedInOnAsync("/profile");
        await ExpectNeverLeftTheSiteAsync();
    }

    [Test]
    public async Task Sign_in_with_a_local_return_url_keeps_its_query_and_arrives_there()
    {
        await SignUpAndLogOutAsync("Hedy Lamarr");
        await Page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString("/profile/./passkeys?from=//evil.example/x"));
        await Expect(Page.GetByTestId("login")).ToHaveAttributeAsync("data-return-url", "/profile/passkeys?from=//evil.example/x");
        await Page.GetByTestId("login-remembered-passkey").ClickAsync();

        await ExpectSignedInOnAsync("/profile/passkeys");
        Assert.That(new Uri(Page.Url).Query, Does.StartWith("?from=//evil.example/x"));
        await ExpectNeverLeftTheSiteAsync();
    }

    [Test]
    public async Task Scripts_navigate_only_within_the_site_for_every_corpus_url_in_chromium()
    {
        await Page.GotoAsync("/");
        var urls = ReturnUrlCorpus.Unsafe.Concat(ReturnUrlCorpus.Local.Select(c => c.Url)).ToArray();

        // withToast is what every page navigates to after a ceremony; sameOrigin is passkeys.js's check behind it.
        var offSite = await Page.EvaluateAsync<string[]>(
            """
            async (urls) => {
              const { withToast } = await import('/js/site.js');
              const { sameOrigin } = await import('/_content/Passkeys.AspNetCore/passkeys.js');
              return urls.flatMap(url => [withToast(url, 'signed-in'), sameOrigin(url).href])
                .filter(target => new URL(target).origin !== location.origin);
            }
            """, urls);

        Assert.That(offSite, Is.Empty);
    }

    [Test]
    public async Task Normal_forms_the_server_answers_are_read_by_chromium_as_the_same_local_address()
    {
        await Page.GotoAsync("/");
        var normals = ReturnUrlCorpus.Local.Select(c => c.Normal).Distinct().ToArray();

        // Chromium's own URL parser: same origin, a path that does not start with "//", and nothing left to change.
        var differing = await Page.EvaluateAsync<string[]>(
            """
            (normals) => normals.filter(normal => {
              const url = new URL(normal, location.origin);
              return url.origin !== location.origin || url.pathname.startsWith('//') || url.pathname + url.search + url.hash !== normal;
            })
            """, normals);

        Assert.That(differing, Is.Empty);
    }

    [Test]
    public async Task Generated_urls_the_library_judges_local_stay_on_the_site_in_chromium_before_and_after_normalising()
    {
        await Page.GotoAsync("/");
        var local = ReturnUrlGenerator.Urls.Array[GeneratedUrls].Single()
            .Select(url => (Url: url, Normal: PasskeyReturnUrl.Normalize(url)))
            .Where(c => c.Normal is not null)
            .SelectMany(c => new[] { c.Url, c.Normal! })
            .Distinct()
            .ToArray();

        // Chromium's own URL parser (WHATWG): tabs and newlines dropped, '\\' read as '/', dot segments resolved.
        var leaving = await Page.EvaluateAsync<string[]>(
            """
            (urls) => urls.filter(url => {
              const resolved = new URL(url, location.origin + '/base/');
              return resolved.origin !== location.origin || resolved.pathname.startsWith('//');
            })
            """, local);

        Assert.That(local, Has.Length.GreaterThan(500), "generated URLs judged local, and their normal forms: not a vacuous pass");
        Assert.That(leaving, Is.Empty);
    }

    private async Task ExpectNeverLeftTheSiteAsync()
    {
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(Site.Address.GetLeftPart(UriPartial.Authority) + "/")));
        lock (_offSite)
        {
            Assert.That(_offSite, Is.Empty, "requests to other hosts");
        }
    }
}
