using System.Net;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

/// <summary>"Sign out other sessions" on the profile page, and the library's session revocation under the site.</summary>
public class SessionTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Profile_offers_to_sign_out_other_sessions()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("sessions-page", "sessions-page@example.com");

        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Contain("data-testid=\"sign-out-others\">Sign out other sessions<"));
    }

    [Test]
    public async Task Sign_out_other_sessions_ends_the_session_in_another_browser_and_keeps_this_one()
    {
        using var phone = _site.CreateBrowser();
        await phone.SignUpVerifiedAsync("two-browsers", "two-browsers@example.com");
        using var laptop = _site.CreateBrowser();
        await laptop.SignInByEmailAsync("two-browsers@example.com");
        await laptop.GetPageAsync("/profile");

        // What profile.js does when the button is pressed.
        using (var response = await phone.SendJsonAsync(HttpMethod.Post, "/passkeys/logout-others", "{}"))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        }

        using (var refused = await laptop.SendJsonAsync(HttpMethod.Post, "/passkeys/credentials/options", "{}"))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the laptop's next passkey request");
        }

        using (var profile = await laptop.Client.GetAsync(new Uri("/profile", UriKind.Relative)))
        {
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the laptop is signed out");
            Assert.That(profile.Headers.Location?.OriginalString, Does.Contain("/login?returnUrl=%2Fprofile"));
        }

        await phone.GetPageAsync("/profile");
        using var account = await phone.Client.GetAsync(new Uri("/passkeys/account", UriKind.Relative));
        Assert.That(account.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the phone stays signed in");
    }
}
