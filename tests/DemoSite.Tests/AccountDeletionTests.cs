using System.Net;
using System.Text.Json;
using DemoSite.Data;
using DemoSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.EntityFramework;
using Passkeys.Stores;

namespace DemoSite.Tests;

/// <summary>
/// "Delete account" on the profile, over the site's EF stores (SQLite here; PostgreSQL in <see cref="PostgresTests"/>):
/// the account, its passkeys and every session go; a sign-in link sent before no longer works.
/// </summary>
public class AccountDeletionTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Profile_has_a_delete_account_section_whose_confirmation_says_what_goes()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("sectioned", "sectioned@example.com");

        var html = await browser.GetPageAsync("/profile");

        Assert.That(html, Does.Contain("id=\"delete-account-button\""));
        Assert.That(html, Does.Match("id=\"delete-account-confirmation\"[^>]*hidden"), "the confirmation waits for the button");
        Assert.That(html, Does.Contain("Your account, <span id=\"delete-account-passkeys\" data-testid=\"delete-account-passkeys\">its passkey</span> and sign-in on every device are deleted; this cannot be undone. The passkeys stay on your devices until you remove them there."));
        Assert.That(html, Does.Contain("id=\"delete-account-confirm\"").And.Contain("id=\"delete-account-cancel\"").And.Contain("id=\"delete-account-error\""));
    }

    [Test]
    public async Task Profile_script_deletes_through_passkeys_js_and_goes_home_where_the_toast_says_so()
    {
        using var browser = _site.CreateBrowser();
        using var script = await browser.Client.GetAsync(new Uri("/js/profile.js", UriKind.Relative));
        var text = await script.Content.ReadAsStringAsync();

        Assert.That(text, Does.Contain("await deleteAccount();").And.Contain("location.assign('/?toast=account-deleted')"));
        Assert.That(text, Does.Not.Contain("confirm("), "the site asks in the page, never with a dialog");
        var home = await browser.GetPageAsync("/?toast=account-deleted");
        Assert.That(home, Does.Contain("Your account is deleted"));
    }

    [Test]
    public Task Deleting_the_account_on_sqlite_deletes_it_everywhere() => DeleteAndCheckAsync(_site, "leaver");

    [Test]
    public Task Two_sessions_deleting_the_account_at_once_on_sqlite_delete_it_once_and_the_other_is_401() => RaceAsync(_site, "racer");

    /// <summary>Five times: two passkey sessions of one account delete it at once; one gets 204, the other 401.</summary>
    internal static async Task RaceAsync(DemoSiteFactory site, string userNamePrefix)
    {
        for (var round = 0; round < 5; round++)
        {
            var userName = $"{userNamePrefix}{round}";
            using var first = site.CreateBrowser();
            await first.SignUpAsync(userName, $"{userName}@example.com");
            using var second = site.CreateBrowser(first.Authenticator);
            await second.LogInAsync(userName);

            var responses = await Task.WhenAll(
                first.SendJsonAsync(HttpMethod.Delete, "/passkeys/account"), second.SendJsonAsync(HttpMethod.Delete, "/passkeys/account"));

            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.That(statuses, Is.EqualTo(new[] { 204, 401 }), $"round {round}");
            await ProblemAssert.ExpectAsync(responses.Single(r => (int)r.StatusCode == 401), 401, "not_authenticated");
            responses.Single(r => (int)r.StatusCode == 204).Dispose();
            using var scope = site.Services.CreateScope();
            Assert.That(await scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>().FindByNameAsync(userName, CancellationToken.None), Is.Null);
        }
    }

    /// <summary>
    /// Signs up <paramref name="userName"/>, signs in a second session by emailed link, has a third browser ask for a
    /// link it does not use yet, deletes the account from the first, then checks every piece is gone.
    /// </summary>
    internal static async Task DeleteAndCheckAsync(DemoSiteFactory site, string userName)
    {
        var email = userName + "@example.com";
        using var acting = site.CreateBrowser();
        await acting.SignUpVerifiedAsync(userName, email);
        using var other = site.CreateBrowser();
        await other.SignInByEmailAsync(email);
        using var later = site.CreateBrowser();
        await later.RequestEmailLinkAsync(new { email });
        var unusedLink = await later.Mailbox.WaitForLinkAsync(email);
        string userId;
        using (var scope = site.Services.CreateScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>().FindByNameAsync(userName, CancellationToken.None))!.Id;
        }

        using (var deleted = await acting.SendJsonAsync(HttpMethod.Delete, "/passkeys/account"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        }

        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<IPasskeyUserStore>();
            var context = scope.ServiceProvider.GetRequiredService<DemoDbContext>();
            Assert.Multiple(async () =>
            {
                Assert.That(await users.FindByIdAsync(userId, CancellationToken.None), Is.Null, "user");
                Assert.That(await users.FindByEmailAsync(email, CancellationToken.None), Is.Null, "user by email");
                Assert.That(await context.Set<PasskeyCredentialEntity>().CountAsync(c => c.UserId == userId), Is.Zero, "passkey rows");
                Assert.That(await context.Set<PasskeyLoginNameEntity>().CountAsync(n => n.UserId == userId), Is.Zero, "login name rows");
            });
        }

        // This browser: signed out, and no longer remembered.
        using (var remembered = await acting.Client.GetAsync(new Uri("/passkeys/remembered", UriKind.Relative)))
        {
            Assert.That(remembered.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await ProblemAssert.ExpectAsync(await acting.Client.GetAsync(new Uri("/passkeys/account", UriKind.Relative)), 401, "not_authenticated");

        // The other session: refused, and its pages send it to log in.
        await ProblemAssert.ExpectAsync(await other.SendJsonAsync(HttpMethod.Delete, "/passkeys/account"), 401, "not_authenticated");
        using (var profile = await other.Client.GetAsync(new Uri("/profile", UriKind.Relative)))
        {
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        // The link sent before the deletion, and the deleted passkey, sign nobody in.
        var token = SiteBrowser.TokenOf(unusedLink);
        await ProblemAssert.ExpectAsync(await later.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login/confirm", JsonSerializer.Serialize(new { token })), 400, "token_invalid");
        var options = await acting.PostJsonAsync("/passkeys/login/options", "{}");
        await ProblemAssert.ExpectAsync(await acting.SendJsonAsync(HttpMethod.Post, "/passkeys/login", acting.Authenticator.GetAssertion(options)), 401, "credential_not_registered");
    }
}
