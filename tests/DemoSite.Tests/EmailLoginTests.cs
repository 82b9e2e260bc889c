using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

/// <summary>Sign-in by emailed link through the sample's pages, with the site's own pickup-directory sender.</summary>
public class EmailLoginTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Email_link_signs_in_a_new_device_which_then_sets_up_a_passkey_and_signs_in_with_it()
    {
        using (var first = _site.CreateBrowser())
        {
            await first.SignUpVerifiedAsync("traveller", "traveller@example.com", "Tra Veller");
        }

        using var newDevice = _site.CreateBrowser();
        await newDevice.GetPageAsync("/login");
        await newDevice.RequestEmailLinkAsync(new { email = "Traveller@Example.com" });
        var link = await newDevice.Mailbox.WaitForLinkAsync("traveller@example.com");
        Assert.That(link.GetLeftPart(UriPartial.Path), Is.EqualTo(DemoSiteFactory.Origin + "/email-login/confirm"));

        var confirmPage = await newDevice.GetPageAsync(link.PathAndQuery);
        Assert.That(confirmPage, Does.Contain("id=\"email-confirm-button\""));
        var token = SiteBrowser.TokenOf(link);
        var who = JsonNode.Parse(await newDevice.PostJsonAsync("/passkeys/email-login/peek", Token(token)))!;
        Assert.That(who["userName"]!.GetValue<string>(), Is.EqualTo("traveller"));
        Assert.That(who["displayName"]!.GetValue<string>(), Is.EqualTo("Tra Veller"));

        var confirmed = JsonNode.Parse(await newDevice.PostJsonAsync("/passkeys/email-login/confirm", Token(token)))!;
        Assert.That(confirmed["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(confirmed["next"]!.GetValue<string>(), Is.EqualTo("/profile"), "Email:SetupUrl: the profile offers to set up this device.");

        // amr = email: the profile offers to set up this device.
        var profile = await newDevice.GetPageAsync("/profile");
        Assert.That(profile, Does.Contain("id=\"setup-device-button\""));
        Assert.That(profile, Does.Contain("id=\"profile-passkey-count\" data-testid=\"profile-passkey-count\">1<"));

        // The button: addPasskey() with this device's authenticator.
        var options = await newDevice.PostJsonAsync("/passkeys/credentials/options", "{}");
        using (var added = await newDevice.SendJsonAsync(HttpMethod.Post, "/passkeys/credentials", newDevice.Authenticator.CreateCredential(options)))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        }

        using (var logout = await newDevice.SendJsonAsync(HttpMethod.Post, "/passkeys/logout"))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await newDevice.LogInAsync("traveller"), Is.EqualTo("/profile"));
        var afterPasskey = await newDevice.GetPageAsync("/profile");
        Assert.That(afterPasskey, Does.Not.Contain("id=\"setup-device\""));
        Assert.That(afterPasskey, Does.Contain("id=\"profile-passkey-count\" data-testid=\"profile-passkey-count\">2<"));
    }

    [Test]
    public async Task Check_your_email_follows_the_same_answer_for_known_and_unknown_addresses()
    {
        using (var owner = _site.CreateBrowser())
        {
            await owner.SignUpVerifiedAsync("known", "known@example.com");
        }

        using var asksKnown = _site.CreateBrowser();
        using var asksUnknown = _site.CreateBrowser();
        using var knownAnswer = await asksKnown.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login", JsonSerializer.Serialize(new { email = "known@example.com" }));
        using var unknownAnswer = await asksUnknown.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login", JsonSerializer.Serialize(new { email = "nobody@example.com" }));
        var knownPage = await asksKnown.GetPageAsync("/email-login/sent");
        var unknownPage = await asksUnknown.GetPageAsync("/email-login/sent");
        var knownBody = await knownAnswer.Content.ReadAsStringAsync();
        var unknownBody = await unknownAnswer.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(knownAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(unknownAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(knownBody, Is.Empty);
            Assert.That(unknownBody, Is.Empty);
            Assert.That(CookieNames(unknownAnswer), Is.EqualTo(CookieNames(knownAnswer)));
            Assert.That(unknownPage, Is.EqualTo(knownPage));
            Assert.That(knownPage, Does.Contain("id=\"email-sent\"").And.Contain("Check your email").And.Contain("id=\"email-sent-login\""));
            Assert.That(knownPage, Does.Not.Contain("known@example.com").And.Not.Contain("nobody@example.com"));
        });
        Assert.That((await asksKnown.Mailbox.WaitForLinkAsync("known@example.com")).Fragment, Does.StartWith("#token="));
        Assert.That(await asksUnknown.Mailbox.CountAsync("nobody@example.com"), Is.Zero);
    }

    [Test]
    public async Task Check_your_email_says_how_long_the_link_works_where_the_demo_writes_emails_and_the_way_back()
    {
        using var browser = _site.CreateBrowser();

        var html = await browser.GetPageAsync("/email-login/sent?returnUrl=%2Fprofile%2Fpasskeys");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("for 10 minutes, and only in this browser"));
            Assert.That(html, Does.Contain("id=\"email-sent-pickup\"").And.Contain(_site.Mailbox.Directory));
            Assert.That(html, Does.Contain("id=\"email-sent-login\" data-testid=\"email-sent-login\" href=\"/login?returnUrl=%2Fprofile%2Fpasskeys\""));
            Assert.That(html, Does.Contain("src=\"/js/email-sent.js\""));
        });
    }

    [Test]
    public async Task Check_your_email_ignores_a_return_url_to_another_site()
    {
        using var browser = _site.CreateBrowser();

        var html = await browser.GetPageAsync("/email-login/sent?returnUrl=https%3A%2F%2Fevil.example");

        Assert.That(html, Does.Contain("id=\"email-sent-login\" data-testid=\"email-sent-login\" href=\"/login\""));
        Assert.That(html, Does.Not.Contain("evil.example"));
    }

    [Test]
    public async Task Login_page_sends_the_email_form_to_the_check_your_email_page_with_its_return_url()
    {
        using var browser = _site.CreateBrowser();

        var html = await browser.GetPageAsync("/login?returnUrl=%2Fprofile%2Fpasskeys");

        Assert.That(html, Does.Contain("data-email-sent-url=\"/email-login/sent?returnUrl=%2Fprofile%2Fpasskeys\""));
        Assert.That(html, Does.Contain("id=\"login-remembered-email\"").And.Contain("id=\"login-email-send\""));
    }

    [Test]
    public async Task Confirm_page_renders_without_using_the_link_up()
    {
        using (var owner = _site.CreateBrowser())
        {
            await owner.SignUpVerifiedAsync("scanned", "scanned@example.com");
        }

        using var browser = _site.CreateBrowser();
        await browser.RequestEmailLinkAsync(new { email = "scanned@example.com" });
        var link = await browser.Mailbox.WaitForLinkAsync("scanned@example.com");

        // A mail scanner fetches the link (without the fragment, which is never sent), and so does the person.
        using var scanner = _site.CreateBrowser();
        await scanner.GetPageAsync(link.PathAndQuery);
        using var response = await browser.Client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(html, Does.Contain("id=\"email-confirm\"").And.Contain("id=\"email-confirm-name\""));
            Assert.That(html, Does.Contain("id=\"email-confirm-button\"").And.Contain("id=\"email-confirm-error\""));
            Assert.That(html, Does.Contain("src=\"/js/email-confirm.js\""));
            Assert.That(html, Does.Contain("id=\"email-confirm-login\""));
        });
        var confirmed = JsonNode.Parse(await browser.PostJsonAsync("/passkeys/email-login/confirm", Token(SiteBrowser.TokenOf(link))))!;
        Assert.That(confirmed["verified"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Remembered_user_gets_a_link_by_user_name()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpVerifiedAsync("remembered", "remembered@example.com");
        using (var logout = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/logout"))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var who = JsonNode.Parse(await browser.Client.GetStringAsync(new Uri("/passkeys/remembered", UriKind.Relative)))!;
        await browser.RequestEmailLinkAsync(new { userName = who["userName"]!.GetValue<string>() });
        var link = await browser.Mailbox.WaitForLinkAsync("remembered@example.com");
        var confirmed = JsonNode.Parse(await browser.PostJsonAsync("/passkeys/email-login/confirm", Token(SiteBrowser.TokenOf(link))))!;

        Assert.That(confirmed["next"]!.GetValue<string>(), Is.EqualTo("/profile"));
        Assert.That(await browser.GetPageAsync("/profile"), Does.Contain("id=\"setup-device\""));
    }

    [Test]
    public async Task Used_link_is_refused_as_token_invalid()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpVerifiedAsync("twice", "twice@example.com");
        await browser.RequestEmailLinkAsync(new { email = "twice@example.com" });
        var token = SiteBrowser.TokenOf(await browser.Mailbox.WaitForLinkAsync("twice@example.com"));
        await browser.PostJsonAsync("/passkeys/email-login/confirm", Token(token));

        using var again = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login/confirm", Token(token));

        var problem = await ProblemAsync(again);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("token_invalid"));
        Assert.That(problem["verified"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Link_opened_in_another_browser_is_refused_and_still_works_in_the_one_that_asked()
    {
        using (var owner = _site.CreateBrowser())
        {
            await owner.SignUpVerifiedAsync("bound", "bound@example.com");
        }

        using var asker = _site.CreateBrowser();
        using var other = _site.CreateBrowser();
        await asker.RequestEmailLinkAsync(new { email = "bound@example.com" });
        var token = SiteBrowser.TokenOf(await asker.Mailbox.WaitForLinkAsync("bound@example.com"));

        using var peek = await other.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login/peek", Token(token));
        using var confirm = await other.SendJsonAsync(HttpMethod.Post, "/passkeys/email-login/confirm", Token(token));

        Assert.That(peek.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemAsync(peek))["code"]!.GetValue<string>(), Is.EqualTo("token_wrong_browser"));
        Assert.That((await ProblemAsync(confirm))["code"]!.GetValue<string>(), Is.EqualTo("token_wrong_browser"));
        var confirmed = JsonNode.Parse(await asker.PostJsonAsync("/passkeys/email-login/confirm", Token(token)))!;
        Assert.That(confirmed["verified"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public Task Email_link_session_adds_one_passkey_on_the_sqlite_store_and_is_refused_a_second_and_a_deletion()
        => RecoverAddingOnePasskeyAsync(_site, "recoverer");

    /// <summary>
    /// Recovery on a new device on <paramref name="site"/>'s store: an emailed-link session adds one passkey, and a
    /// second add or a deletion then needs a passkey ceremony (the one passkey is read back from the database).
    /// </summary>
    internal static async Task RecoverAddingOnePasskeyAsync(DemoSiteFactory site, string userName)
    {
        var email = userName + "@example.com";
        using (var first = site.CreateBrowser())
        {
            await first.SignUpVerifiedAsync(userName, email);
        }

        using var newDevice = site.CreateBrowser();
        await newDevice.SignInByEmailAsync(email);
        var options = await newDevice.PostJsonAsync("/passkeys/credentials/options", "{}");
        using (var added = await newDevice.SendJsonAsync(HttpMethod.Post, "/passkeys/credentials", newDevice.Authenticator.CreateCredential(options)))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        }

        // The one passkey is read back from the database: a second add, and a deletion, need a passkey ceremony.
        using (var second = await newDevice.SendJsonAsync(HttpMethod.Post, "/passkeys/credentials/options", "{}"))
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"reauthentication_required\""));
        }

        var passkeys = JsonNode.Parse(await (await newDevice.SendJsonAsync(HttpMethod.Get, "/passkeys/credentials")).Content.ReadAsStringAsync())!.AsArray();
        Assert.That(passkeys, Has.Count.EqualTo(2));
        using var delete = await newDevice.SendJsonAsync(HttpMethod.Delete, "/passkeys/credentials/" + passkeys[0]!["id"]!.GetValue<string>());
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await delete.Content.ReadAsStringAsync());
    }

    private static string Token(string token) => JsonSerializer.Serialize(new { token });

    private static string[] CookieNames(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Order(StringComparer.Ordinal)] : [];

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
