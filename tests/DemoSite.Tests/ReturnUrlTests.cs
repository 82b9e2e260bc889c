using System.Net;
using System.Text.RegularExpressions;
using DemoSite.Tests.Infrastructure;
using Passkeys.AspNetCore.Tests.ReturnUrls;

namespace DemoSite.Tests;

/// <summary>
/// The sample's pages face the library's return URL corpus: the login, sign-up and "check your email" pages pass on
/// only the normal form of a local return URL, and a signed-in visitor is redirected only within the site.
/// </summary>
public partial class ReturnUrlTests
{
    private DemoSiteFactory _site = null!;
    private SiteBrowser _signedIn = null!;

    // A lone surrogate travels as U+FFFD (Uri.EscapeDataString and ASP.NET's query decoding replace it), refused too.
    private static IEnumerable<TestCaseData> UnsafeCases =>
        ReturnUrlCorpus.Unsafe.Select((url, i) => new TestCaseData(url).SetArgDisplayNames($"unsafe {i:D4}"));

    private static IEnumerable<TestCaseData> LocalCases =>
        ReturnUrlCorpus.Local.Select((c, i) => new TestCaseData(c.Url, c.Normal).SetArgDisplayNames($"local {i:D4}"));

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _site = new DemoSiteFactory();
        _signedIn = _site.CreateBrowser();
        await _signedIn.SignUpAsync("returns", "returns@example.com");
    }

    [OneTimeTearDown]
    public void StopSite()
    {
        _signedIn.Dispose();
        _site.Dispose();
    }

    [TestCaseSource(nameof(UnsafeCases))]
    public async Task Pages_pass_on_no_unsafe_return_url_and_redirect_a_signed_in_visitor_to_the_profile(string returnUrl)
    {
        var query = "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        using var visitor = _site.CreateBrowser();
        var login = await visitor.GetPageAsync("/login" + query);
        var register = await visitor.GetPageAsync("/register" + query);
        var sent = await visitor.GetPageAsync("/email-login/sent" + query);

        Assert.Multiple(async () =>
        {
            Assert.That(ReturnUrlOf(login), Is.Empty, "login");
            Assert.That(login, Does.Contain("data-email-sent-url=\"/email-login/sent\""), "login: the way to the email page");
            Assert.That(login, Does.Contain("href=\"/register\""), "login: the way to sign up");
            Assert.That(ReturnUrlOf(register), Is.Empty, "register");
            Assert.That(sent, Does.Contain("data-testid=\"email-sent-login\" href=\"/login\""), "check your email");
            foreach (var page in new[] { "/login", "/register" })
            {
                Assert.That(await RedirectOfSignedInAsync(page + query), Is.EqualTo("/profile"), page + ", signed in");
            }
        });
    }

    [TestCaseSource(nameof(LocalCases))]
    public async Task Pages_pass_on_a_local_return_url_in_its_normal_form_and_redirect_a_signed_in_visitor_there(string returnUrl, string normal)
    {
        var query = "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        using var visitor = _site.CreateBrowser();
        var login = await visitor.GetPageAsync("/login" + query);
        var register = await visitor.GetPageAsync("/register" + query);

        Assert.Multiple(async () =>
        {
            Assert.That(ReturnUrlOf(login), Is.EqualTo(normal), "login");
            Assert.That(ReturnUrlOf(register), Is.EqualTo(normal), "register");
            Assert.That(await RedirectOfSignedInAsync("/login" + query), Is.EqualTo(normal), "login, signed in");
        });
    }

    [Test]
    public async Task Sign_in_and_sign_up_with_a_reported_return_url_answer_the_default_page()
    {
        using var browser = _site.CreateBrowser();
        var query = "?returnUrl=" + Uri.EscapeDataString(ReturnUrlCorpus.Reported[0]);
        var signedUp = await browser.SignUpAsync("reported", "reported@example.com", query: query);
        using (await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/logout", "{}"))
        {
        }

        Assert.That(signedUp, Is.EqualTo("/profile"));
        foreach (var url in ReturnUrlCorpus.Reported)
        {
            Assert.That(await browser.LogInAsync(query: "?returnUrl=" + Uri.EscapeDataString(url)), Is.EqualTo("/profile"), url);
        }
    }

    private static string ReturnUrlOf(string html) =>
        WebUtility.HtmlDecode(DataReturnUrl().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new AssertionException("No data-return-url in the page."));

    /// <summary>Where the page sends a signed-in visitor: the Location header, which must stay on the site.</summary>
    private async Task<string> RedirectOfSignedInAsync(string path)
    {
        using var response = await _signedIn.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), path);
        var location = response.Headers.Location!.OriginalString;
        var resolved = new Uri(new Uri(DemoSiteFactory.Origin), location);
        Assert.That(resolved.GetLeftPart(UriPartial.Authority), Is.EqualTo(DemoSiteFactory.Origin), location);
        Assert.That(resolved.AbsolutePath, Does.Not.StartWith("//"), location);
        return location;
    }

    [GeneratedRegex("data-return-url=\"([^\"]*)\"")]
    private static partial Regex DataReturnUrl();
}
