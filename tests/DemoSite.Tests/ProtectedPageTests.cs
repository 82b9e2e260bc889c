using System.Net;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public class ProtectedPageTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [TestCase("/profile")]
    [TestCase("/profile/passkeys")]
    public async Task Protected_page_sends_a_signed_out_visitor_to_login_with_a_return_url(string path)
    {
        using var browser = _site.CreateBrowser();
        using var response = await browser.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!;
        Assert.That(location.AbsolutePath, Is.EqualTo("/login"));
        Assert.That(location.Query, Is.EqualTo("?returnUrl=" + Uri.EscapeDataString(path)));
    }

    [Test]
    public async Task Login_page_hands_a_local_return_url_to_its_script()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/login?returnUrl=%2Fprofile%2Fpasskeys");

        Assert.That(html, Does.Contain("data-return-url=\"/profile/passkeys\""));
    }

    [TestCase("https://evil.example/phish")]
    [TestCase("//evil.example/phish")]
    [TestCase("/\\evil.example/phish")]
    [TestCase("/%2F%2Fevil.example/phish")]
    [TestCase("/%09/evil.example/phish")]
    [TestCase("javascript:alert('evil.example')")]
    public async Task Login_and_register_pages_do_not_reflect_an_unsafe_return_url(string returnUrl)
    {
        using var browser = _site.CreateBrowser();
        foreach (var page in new[] { "/login", "/register" })
        {
            var html = await browser.GetPageAsync($"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}");

            Assert.That(html, Does.Not.Contain("evil.example"), page);
            Assert.That(html, Does.Contain("data-return-url=\"\""), page);
        }
    }

    [Test]
    public async Task Sign_in_returns_to_the_protected_page_that_asked_for_it()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("returner", "returner@example.com");
        using (await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/logout", "{}"))
        {
        }

        var next = await browser.LogInAsync(query: "?returnUrl=%2Fprofile%2Fpasskeys");

        Assert.That(next, Is.EqualTo("/profile/passkeys"));
        var html = await browser.GetPageAsync(next);
        Assert.That(html, Does.Contain("id=\"passkey-list\""));
    }

    [Test]
    public async Task Signed_in_visitor_at_the_login_page_goes_on_to_the_return_url()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("already", "already@example.com");

        using var response = await browser.Client.GetAsync(new Uri("/login?returnUrl=%2Fprofile%2Fpasskeys", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/profile/passkeys"));
    }
}
