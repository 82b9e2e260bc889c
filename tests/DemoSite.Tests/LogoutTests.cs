using System.Net;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

public class LogoutTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Logout_by_get_is_refused_and_keeps_the_session()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("getter", "getter@example.com");

        using var response = await browser.Client.GetAsync(new Uri("/logout", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
        Assert.That(await browser.GetPageAsync("/"), Does.Contain("id=\"nav-logout\""));
    }

    [Test]
    public async Task Logout_without_the_antiforgery_token_is_refused_and_keeps_the_session()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("forger", "forger@example.com");
        var home = await browser.GetPageAsync("/");

        using var response = await browser.PostFormAsync("/logout", home, includeToken: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await browser.GetPageAsync("/"), Does.Contain("id=\"nav-logout\""));
    }

    [Test]
    public async Task Logout_form_signs_out_with_a_toast_and_the_browser_still_remembers_the_user()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("leaver", "leaver@example.com", "Lea Ver");
        var home = await browser.GetPageAsync("/");

        using var response = await browser.PostFormAsync("/logout", home);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"));
        var after = await browser.GetPageAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That(after, Does.Contain("id=\"nav-login\""));
            Assert.That(after, Does.Contain("data-testid=\"toast\" data-kind=\"success\""));
            Assert.That(after, Does.Contain("You are signed out"));
        });

        // The toast is shown once; the login page greets the remembered user.
        Assert.That(await browser.GetPageAsync("/"), Does.Not.Contain("You are signed out"));
        var login = await browser.GetPageAsync("/login");
        Assert.That(login, Does.Contain("data-maybe-remembered=\"true\""));
        Assert.That(login, Does.Match("id=\"login-chooser\"[^>]*hidden"), "The user name field waits until the script knows who is remembered.");
        using var remembered = await browser.Client.GetAsync(new Uri("/passkeys/remembered", UriKind.Relative));
        Assert.That(await remembered.Content.ReadAsStringAsync(), Does.Contain("\"displayName\":\"Lea Ver\""));
    }

    [Test]
    public async Task Logout_link_is_a_form_post_with_an_antiforgery_token()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("formed", "formed@example.com");

        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Match("<form method=\"post\" id=\"logout-form\"[^>]*action=\"/logout\"[\\s\\S]*?__RequestVerificationToken[\\s\\S]*?</form>"));
    }
}
