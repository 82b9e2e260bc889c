using System.Net;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public class PageTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [TestCase("/", "home-register")]
    [TestCase("/login", "login-username")]
    [TestCase("/register", "register-username")]
    public async Task Public_pages_render_for_a_signed_out_visitor(string path, string element)
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync(path);

        Assert.That(html, Does.Contain($"id=\"{element}\""));
        Assert.That(html, Does.Contain("<main id=\"main\""));
    }

    [Test]
    public async Task Navbar_offers_login_and_register_when_signed_out()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("id=\"nav-login\""));
            Assert.That(html, Does.Contain("id=\"nav-register\""));
            Assert.That(html, Does.Not.Contain("id=\"nav-profile\""));
            Assert.That(html, Does.Not.Contain("id=\"nav-logout\""));
        });
    }

    [Test]
    public async Task Navbar_offers_profile_passkeys_and_logout_after_sign_up()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("navbar", "navbar@example.com");

        var html = await browser.GetPageAsync("/");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("id=\"nav-profile\""));
            Assert.That(html, Does.Contain("id=\"nav-passkeys\""));
            Assert.That(html, Does.Contain("id=\"nav-logout\""));
            Assert.That(html, Does.Contain("<form method=\"post\" id=\"logout-form\""));
            Assert.That(html, Does.Not.Contain("id=\"nav-login\""));
            Assert.That(html, Does.Not.Contain("id=\"nav-register\""));
        });
    }

    [Test]
    public async Task Login_field_offers_passkeys_in_its_autofill_list()
    {
        using var browser = _site.CreateBrowser();
        var html = await browser.GetPageAsync("/login");

        Assert.That(html, Does.Match("id=\"login-username\"[^>]*autocomplete=\"username webauthn\""));
    }

    [Test]
    public async Task Sign_up_lands_on_the_profile()
    {
        using var browser = _site.CreateBrowser();

        var next = await browser.SignUpAsync("lands", "lands@example.com");

        Assert.That(next, Is.EqualTo("/profile"));
    }

    [Test]
    public async Task Unknown_address_gets_a_friendly_404_page()
    {
        using var browser = _site.CreateBrowser();
        using var response = await browser.Client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(html, Does.Contain("Page not found"));
    }
}
