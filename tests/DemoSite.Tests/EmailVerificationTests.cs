using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DemoSite.Tests.Infrastructure;

namespace DemoSite.Tests;

/// <summary>
/// Verified email through the sample's pages, over its EF stores: the address given at sign-up waits on the profile
/// until its owner opens the link (the verify page), gets no sign-in link until then, and can be changed only with a
/// recent passkey.
/// </summary>
public class EmailVerificationTests
{
    private DemoSiteFactory _site = null!;

    [OneTimeSetUp]
    public void StartSite() => _site = new DemoSiteFactory();

    [OneTimeTearDown]
    public void StopSite() => _site.Dispose();

    [Test]
    public async Task Profile_shows_the_address_given_at_sign_up_waiting_for_verification_with_send_again_and_a_change_form()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("waiting", "waiting@example.com");

        var html = await browser.GetPageAsync("/profile");
        var account = await AccountAsync(browser);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">&#x2014;<"), "no verified address");
            Assert.That(html, Does.Contain("id=\"email-verified\" data-testid=\"email-verified\">none<"));
            Assert.That(html, Does.Not.Contain("data-testid=\"email-verified-badge\""));
            Assert.That(html, Does.Contain("<div id=\"email-pending\" data-testid=\"email-pending\">"), "shown, not hidden");
            Assert.That(html, Does.Contain("id=\"email-pending-address\" data-testid=\"email-pending-address\">waiting@example.com<"));
            Assert.That(html, Does.Contain(": waiting for verification."));
            Assert.That(html, Does.Contain("id=\"email-resend\"").And.Contain(">Send again<").And.Contain("id=\"email-pending-cancel\""));
            Assert.That(html, Does.Contain("id=\"email-form\"").And.Contain("id=\"email-new\"").And.Contain("id=\"email-change\"").And.Contain("id=\"email-form-error\""));
            Assert.That(html, Does.Contain("<label for=\"email-new\">Change the address</label>"));
            Assert.That(account["email"], Is.Null);
            Assert.That(account["emailVerified"]!.GetValue<bool>(), Is.False);
            Assert.That(account["pendingEmail"]!.GetValue<string>(), Is.EqualTo("waiting@example.com"));
        });
    }

    [Test]
    public async Task Sign_up_toast_says_a_verification_link_was_sent()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("toasty", "toasty@example.com");

        var html = await browser.GetPageAsync("/profile?toast=signed-up-verify");
        using var script = await browser.Client.GetAsync(new Uri("/js/register.js", UriKind.Relative));

        Assert.That(html, Does.Contain("Setup complete: your account and its passkey are ready. We sent a link to your email address: open it to verify the address."));
        Assert.That(await script.Content.ReadAsStringAsync(), Does.Contain("email ? 'signed-up-verify' : 'signed-up'"));
    }

    [Test]
    public async Task Verify_page_renders_without_using_the_link_up_and_its_button_verifies_the_address()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("verifier", "verifier@example.com");
        var link = await browser.Mailbox.WaitForVerificationLinkAsync("verifier@example.com");
        Assert.That(link.GetLeftPart(UriPartial.Path), Is.EqualTo(DemoSiteFactory.Origin + "/email/verify"));
        Assert.That(link.Fragment, Does.StartWith("#token="));

        // A mail scanner fetches the link (without the fragment, which is never sent), signed out.
        using var scanner = _site.CreateBrowser();
        using var response = await scanner.Client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(html, Does.Contain("id=\"email-verify\"").And.Contain("id=\"email-verify-address\"").And.Contain("id=\"email-verify-username\""));
            Assert.That(html, Does.Contain("Only if you created this account."));
            Assert.That(html, Does.Contain("id=\"email-verify-button\"").And.Contain("id=\"email-verify-error\"").And.Contain("id=\"email-verify-done\""));
            Assert.That(html, Does.Contain("src=\"/js/email-verify.js\""));
            Assert.That(html, Does.Contain("id=\"email-verify-profile\""));
        });

        // The page's script: peek (twice, nothing spent) in any browser, then the button verifies, without a session.
        var token = Token(SiteBrowser.TokenOf(link));
        for (var i = 0; i < 2; i++)
        {
            var peeked = JsonNode.Parse(await scanner.PostJsonAsync("/passkeys/email/verify/peek", token))!;
            Assert.That(peeked["email"]!.GetValue<string>(), Is.EqualTo("verifier@example.com"));
            Assert.That(peeked["userName"]!.GetValue<string>(), Is.EqualTo("verifier"));
        }

        Assert.That((await AccountAsync(browser))["emailVerified"]!.GetValue<bool>(), Is.False, "peeking verifies nothing");
        var verified = JsonNode.Parse(await scanner.PostJsonAsync("/passkeys/email/verify", token))!;
        Assert.That(verified["email"]!.GetValue<string>(), Is.EqualTo("verifier@example.com"));
        Assert.That(verified["pendingEmail"], Is.Null);

        var profile = await browser.GetPageAsync("/profile");
        Assert.Multiple(() =>
        {
            Assert.That(profile, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">verifier@example.com<"));
            Assert.That(profile, Does.Contain("id=\"email-verified\" data-testid=\"email-verified\">verifier@example.com<"));
            Assert.That(profile, Does.Contain("data-testid=\"email-verified-badge\">Verified<"));
            Assert.That(profile, Does.Contain("<div id=\"email-pending\" data-testid=\"email-pending\" hidden=\"hidden\">"));
        });
        Assert.That((await AccountAsync(browser))["emailVerified"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Used_verification_link_is_refused_as_token_invalid()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("used", "used@example.com");
        var token = Token(SiteBrowser.TokenOf(await browser.Mailbox.WaitForVerificationLinkAsync("used@example.com")));
        await browser.PostJsonAsync("/passkeys/email/verify", token);

        await ProblemAssert.ExpectAsync(await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify", token), 400, "token_invalid");
        await ProblemAssert.ExpectAsync(await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify/peek", token), 400, "token_invalid");
    }

    [Test]
    public async Task Address_waiting_for_verification_gets_no_sign_in_link_by_address_or_user_name()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("unverified", "unverified@example.com");
        using var control = _site.CreateBrowser();
        await control.SignUpVerifiedAsync("control", "control@example.com");

        using var asker = _site.CreateBrowser();
        await asker.RequestEmailLinkAsync(new { email = "unverified@example.com" });
        await asker.RequestEmailLinkAsync(new { userName = "unverified" });

        // The links are sent in order: once the control's link is written, both requests before it were handled.
        await asker.RequestEmailLinkAsync(new { email = "control@example.com" });
        await asker.Mailbox.WaitForLinkAsync("control@example.com");
        Assert.That(await asker.Mailbox.CountLinksAsync("unverified@example.com", Mailbox.SignInPath), Is.Zero);
        Assert.That(await asker.Mailbox.CountLinksAsync("unverified@example.com", Mailbox.VerifyPath), Is.EqualTo(1), "the sign-up's verification link only");
    }

    [Test]
    public async Task Changing_the_address_from_an_emailed_link_session_needs_a_passkey_then_verifies_the_new_one_and_tells_the_old()
    {
        using var phone = _site.CreateBrowser();
        await phone.SignUpVerifiedAsync("mover", "mover@example.com");

        // A few minutes in the mailbox are not enough: a session from an emailed link must confirm with a passkey.
        using var laptop = _site.CreateBrowser(phone.Authenticator);
        await laptop.SignInByEmailAsync("mover@example.com");
        var change = JsonSerializer.Serialize(new { email = "moved@example.com" });
        await ProblemAssert.ExpectAsync(await laptop.SendJsonAsync(HttpMethod.Post, "/passkeys/email", change), 401, "reauthentication_required");
        Assert.That((await AccountAsync(laptop))["pendingEmail"], Is.Null, "nothing changed");

        // What passkeys.js does on that answer: the passkey ceremony, then the same request once more.
        await laptop.ReauthenticateAsync();
        using (var accepted = await laptop.SendJsonAsync(HttpMethod.Post, "/passkeys/email", change))
        {
            var body = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!;
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            Assert.That(body["email"]!.GetValue<string>(), Is.EqualTo("mover@example.com"), "the verified address stays until the new one is verified");
            Assert.That(body["pendingEmail"]!.GetValue<string>(), Is.EqualTo("moved@example.com"));
        }

        var waiting = await laptop.GetPageAsync("/profile");
        Assert.That(waiting, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">mover@example.com<"));
        Assert.That(waiting, Does.Contain("id=\"email-pending-address\" data-testid=\"email-pending-address\">moved@example.com<"));

        await laptop.VerifyEmailAsync("moved@example.com");

        using var notice = await laptop.Mailbox.WaitForMessageAsync("mover@example.com", "email address of your");
        Assert.That(notice.TextBody, Does.Contain("moved@example.com"));
        using var again = _site.CreateBrowser(phone.Authenticator);
        await again.LogInAsync("mover");
        var profile = await again.GetPageAsync("/profile");
        Assert.That(profile, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">moved@example.com<"));
        Assert.That(profile, Does.Contain("<div id=\"email-pending\" data-testid=\"email-pending\" hidden=\"hidden\">"));
    }

    [Test]
    public async Task Naming_the_current_address_again_stops_a_change()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpVerifiedAsync("stayer", "stayer@example.com");
        await browser.PostJsonAsync("/passkeys/email", JsonSerializer.Serialize(new { email = "elsewhere@example.com" }));

        var stopped = JsonNode.Parse(await browser.PostJsonAsync("/passkeys/email", JsonSerializer.Serialize(new { email = (string?)null })))!;

        Assert.That(stopped["email"]!.GetValue<string>(), Is.EqualTo("stayer@example.com"));
        Assert.That(stopped["pendingEmail"], Is.Null);
        Assert.That(await browser.GetPageAsync("/profile"), Does.Contain("<div id=\"email-pending\" data-testid=\"email-pending\" hidden=\"hidden\">"));
    }

    [Test]
    public async Task Send_again_sends_another_link_until_the_address_limit_then_429_and_409_once_verified()
    {
        using var browser = _site.CreateBrowser();
        await browser.SignUpAsync("resender", "resender@example.com");

        // The sign-up sent the first of the 3 links an address gets per 15 minutes (Email:AddressPermitLimit).
        for (var i = 0; i < 2; i++)
        {
            using var resent = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify/resend", "{}");
            var body = JsonNode.Parse(await resent.Content.ReadAsStringAsync())!;
            Assert.That(resent.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToJsonString());
            Assert.That(body["pendingEmail"]!.GetValue<string>(), Is.EqualTo("resender@example.com"));
        }

        using (var limited = await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify/resend", "{}"))
        {
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            await ProblemAssert.ExpectAsync(limited, 429, "email_rate_limited");
        }

        var links = new List<Uri>();
        for (var i = 0; i < 3; i++)
        {
            links.Add(await browser.Mailbox.WaitForVerificationLinkAsync("resender@example.com"));
        }

        Assert.That(links.Select(SiteBrowser.TokenOf).Distinct().Count(), Is.EqualTo(3), "each email has a link of its own");
        await browser.PostJsonAsync("/passkeys/email/verify", Token(SiteBrowser.TokenOf(links[^1])));
        await ProblemAssert.ExpectAsync(await browser.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify/resend", "{}"), 409, "no_pending_email");
    }

    [Test]
    public async Task Profile_script_changes_and_resends_through_passkeys_js_which_confirms_with_a_passkey_when_asked()
    {
        using var browser = _site.CreateBrowser();
        var profile = await browser.Client.GetStringAsync(new Uri("/js/profile.js", UriKind.Relative));
        var module = await browser.Client.GetStringAsync(new Uri("/_content/Passkeys.AspNetCore/passkeys.js", UriKind.Relative));

        Assert.That(profile, Does.Contain("await changeEmail(address)").And.Contain("await resendEmailVerification()").And.Contain("await changeEmail(null)"));
        Assert.That(module, Does.Contain("export async function changeEmail(email) {\n  return await call('POST', '/email', { email: email || null });"));
        Assert.That(module, Does.Contain("export async function resendEmailVerification() {\n  return await call('POST', '/email/verify/resend', {});"));
        Assert.That(module, Does.Contain("if (!(e instanceof PasskeyError) || e.code !== 'reauthentication_required') throw e;"), "call() runs the passkey ceremony and sends again");
    }

    /// <summary>
    /// The pre-hijack: someone signs up first with another person's address and his own passkey. The address stays
    /// hers: his account gets no sign-in link and no verified email, she can still sign up with it, verifies it from
    /// her mailbox, and a link then signs her into her own account; his profile says the address was taken back.
    /// </summary>
    [Test]
    public async Task Address_claimed_first_by_someone_else_stays_with_its_owner_who_verifies_it_and_signs_into_her_own_account()
    {
        using var attacker = _site.CreateBrowser();
        await attacker.SignUpAsync("mallory", "victim@example.com", "Mallory");
        var attackerPage = await attacker.GetPageAsync("/profile");
        Assert.That(attackerPage, Does.Contain("id=\"profile-email\" data-testid=\"profile-email\">&#x2014;<"), "no verified address");
        Assert.That((await AccountAsync(attacker))["emailVerified"]!.GetValue<bool>(), Is.False);

        // No sign-in link for his account by his user name. (By the address too, as another test shows; not asked here,
        // because each request counts against the address's 3 emails per 15 minutes, which her sign-up and sign-in need.)
        await attacker.RequestEmailLinkAsync(new { userName = "mallory" });

        // The owner signs up with her address: it is not taken.
        using var victim = _site.CreateBrowser();
        Assert.That(await victim.SignUpAsync("victoria", "victim@example.com", "Victoria"), Is.EqualTo("/profile"));

        // Her mailbox has two verification links; the page names the account, and she confirms only her own.
        var hisLink = await victim.Mailbox.WaitForVerificationLinkAsync("victim@example.com");
        var herLink = await victim.Mailbox.WaitForVerificationLinkAsync("victim@example.com");
        var his = JsonNode.Parse(await victim.PostJsonAsync("/passkeys/email/verify/peek", Token(SiteBrowser.TokenOf(hisLink))))!;
        Assert.That(await victim.Mailbox.CountLinksAsync("victim@example.com", Mailbox.SignInPath), Is.Zero, "no sign-in link was sent (his requests were handled before her verification link)");
        var hers = JsonNode.Parse(await victim.PostJsonAsync("/passkeys/email/verify/peek", Token(SiteBrowser.TokenOf(herLink))))!;
        Assert.That(his["userName"]!.GetValue<string>(), Is.EqualTo("mallory"));
        Assert.That(hers["userName"]!.GetValue<string>(), Is.EqualTo("victoria"));
        await victim.PostJsonAsync("/passkeys/email/verify", Token(SiteBrowser.TokenOf(herLink)));

        // His link cannot take it from her now.
        await ProblemAssert.ExpectAsync(
            await attacker.SendJsonAsync(HttpMethod.Post, "/passkeys/email/verify", Token(SiteBrowser.TokenOf(hisLink))), 409, "email_exists");

        // On a new device she asks for a link and lands in her own account, where she sets the device up.
        using var newDevice = _site.CreateBrowser();
        await newDevice.SignInByEmailAsync("victim@example.com");
        var account = await AccountAsync(newDevice);
        Assert.That(account["userName"]!.GetValue<string>(), Is.EqualTo("victoria"));
        Assert.That(account["email"]!.GetValue<string>(), Is.EqualTo("victim@example.com"));
        var options = await newDevice.PostJsonAsync("/passkeys/credentials/options", "{}");
        await newDevice.PostJsonAsync("/passkeys/credentials", newDevice.Authenticator.CreateCredential(options));
        Assert.That((await AccountAsync(newDevice))["passkeyCount"]!.GetValue<int>(), Is.EqualTo(2));

        // His account learns nothing (that would say whose the address is): it still waits, verified by nobody for him.
        var hisAccount = await AccountAsync(attacker);
        Assert.That(hisAccount["email"], Is.Null);
        Assert.That(hisAccount["pendingEmail"]!.GetValue<string>(), Is.EqualTo("victim@example.com"));
        Assert.That(hisAccount["passkeyCount"]!.GetValue<int>(), Is.EqualTo(1), "nothing was added to his account");
    }

    private static async Task<JsonNode> AccountAsync(SiteBrowser browser)
    {
        using var response = await browser.Client.GetAsync(new Uri("/passkeys/account", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }

    private static string Token(string token) => JsonSerializer.Serialize(new { token });
}
