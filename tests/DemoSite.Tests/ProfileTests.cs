using System.Net;
using DemoSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Stores;

namespace DemoSite.Tests;

public class ProfileTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Profile_shows_name_user_name_email_id_and_passkey_count()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpVerifiedAsync("profiled", "profiled@example.com", "Pro Filed");
        var user = await _site.Services.GetRequiredService<IPasskeyUserStore>().FindByNameAsync("profiled", CancellationToken.None);

        var html = await browser.GetPageAsync("/profile");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("id=\"profile-name\" data-testid=\"profile-name\">Pro Filed<"));
            Assert.That(html, Does.Contain("id=\"profile-username\" data-testid=\"profile-username\">profiled<"));
            Assert.That(html, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">profiled@example.com<"));
            Assert.That(html, Does.Contain($"<code>{user!.Id}</code>"));
            Assert.That(html, Does.Contain("id=\"profile-passkey-count\" data-testid=\"profile-passkey-count\">1<"));
        });
    }

    [Test]
    public async Task Profile_does_not_offer_to_set_up_a_device_that_signed_in_with_a_passkey()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("withpasskey", "withpasskey@example.com");

        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Not.Contain("id=\"setup-device\""));
    }

    [Test]
    public async Task Profile_offers_to_set_up_this_device_after_a_sign_in_without_a_passkey()
    {
        using (var first = _site.CreateBrowser())
        {
            await first.SignUpVerifiedAsync("newdevice", "newdevice@example.com");
        }

        using var second = _site.CreateBrowser();
        await second.SignInByEmailAsync("newdevice@example.com");

        var html = await second.GetPageAsync("/profile");

        Assert.That(html, Does.Contain("id=\"setup-device\""));
        Assert.That(html, Does.Contain("id=\"setup-device-button\""));
    }

    [Test]
    public async Task Session_of_a_deleted_account_is_ended_with_a_warning()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("deleted", "deleted@example.com");
        var users = _site.Services.GetRequiredService<IPasskeyUserStore>();
        var user = await users.FindByNameAsync("deleted", CancellationToken.None);
        await users.DeleteAsync(user!.Id, CancellationToken.None);

        using var response = await browser.Client.GetAsync(new Uri("/profile", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/login"));

        var login = await browser.GetPageAsync("/login");
        Assert.That(login, Does.Contain("That account no longer exists"));
        Assert.That(login, Does.Contain("id=\"nav-login\""));
    }
}
