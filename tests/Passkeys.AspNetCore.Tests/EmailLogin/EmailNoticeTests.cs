using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests.EmailLogin;

public class EmailNoticeTests
{
    private static readonly Guid ICloudKeychain = new("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");

    [Test]
    public async Task Adding_a_passkey_sends_the_account_a_notice_with_the_authenticator_name_and_time()
    {
        await using var email = await EmailLoginHost.StartAsync();
        using var browser = new PasskeyBrowser(email.Host);
        await email.SignUpVerifiedAsync(browser, "carol", "carol@example.com", "Carol");

        Assert.That(await email.MessagesToAsync("carol@example.com"), Is.Empty, "no notice for the account's first passkey");

        email.Host.Time.Advance(TimeSpan.FromMinutes(3));
        var addedAt = email.Host.Time.GetUtcNow();
        using (var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin, Aaguid = ICloudKeychain }))
        {
            Assert.That((int)added.StatusCode, Is.EqualTo(201));
        }

        var notice = (await email.MessagesToAsync("carol@example.com")).Single();
        Assert.That(notice.Subject, Is.EqualTo("A passkey was added to your Tests account"));
        var when = addedAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(notice.TextBody, Does.Contain("Passkey: reported as Apple Passwords").And.Contain("When: " + when).And.Contain("Hello Carol,"));
        Assert.That(notice.HtmlBody, Does.Contain("<strong>reported as Apple Passwords</strong>").And.Contain(when));
    }

    [Test]
    public async Task A_passkey_from_an_unknown_authenticator_is_a_new_passkey_in_the_notice()
    {
        await using var email = await EmailLoginHost.StartAsync();
        using var browser = new PasskeyBrowser(email.Host);
        await email.SignUpVerifiedAsync(browser, "carol", "carol@example.com");
        using var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin });
        Assert.That((int)added.StatusCode, Is.EqualTo(201));
        var notice = (await email.MessagesToAsync("carol@example.com")).Single();
        Assert.That(notice.TextBody, Does.Contain("Passkey: a new passkey"));
    }

    [Test]
    public async Task No_notice_when_the_option_is_off_or_the_account_has_no_email()
    {
        await using var email = await EmailLoginHost.StartAsync(o => o.SendNotices = false);
        using (var browser = new PasskeyBrowser(email.Host))
        {
            await email.SignUpVerifiedAsync(browser, "carol", "carol@example.com");
            using var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin });
            Assert.That((int)added.StatusCode, Is.EqualTo(201));
        }

        await using var other = await EmailLoginHost.StartAsync();
        using (var browser = new PasskeyBrowser(other.Host))
        {
            using var signUp = await browser.SignUpAsync("dave");
            using var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin });
            Assert.That((int)added.StatusCode, Is.EqualTo(201));
        }

        await email.WhenIdleAsync();
        await other.WhenIdleAsync();
        Assert.That(email.Sender.Messages, Is.Empty);
        Assert.That(other.Sender.Messages, Is.Empty);
    }

    [Test]
    public async Task Removing_a_passkey_sends_the_account_a_notice_naming_it()
    {
        await using var email = await EmailLoginHost.StartAsync();
        using var browser = new PasskeyBrowser(email.Host);
        await email.SignUpVerifiedAsync(browser, "carol", "carol@example.com", "Carol");
        var laptop = new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        var id = (await (await browser.AddPasskeyAsync(laptop)).ReadJsonAsync(201))["credential"]!["id"]!.GetValue<string>();
        (await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = "Work <laptop>" })).Dispose();
        email.Host.Time.Advance(TimeSpan.FromMinutes(1));
        var removedAt = email.Host.Time.GetUtcNow();

        using (var deleted = await browser.Client.DeleteAsync($"/passkeys/credentials/{id}"))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        var notice = (await email.MessagesToAsync("carol@example.com")).Last();
        var when = removedAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(notice.Subject, Is.EqualTo("A passkey was removed from your Tests account"));
        Assert.That(notice.TextBody, Does.Contain("Passkey: Work <laptop>").And.Contain("When: " + when).And.Contain("If it was not"));
        Assert.That(notice.HtmlBody, Does.Contain("<strong>Work &lt;laptop&gt;</strong>"));
    }

    [Test]
    public async Task Signing_in_by_link_sends_the_account_a_notice()
    {
        await using var email = await EmailLoginHost.StartAsync();
        await email.Host.SeedUserAsync("dave", "dave@example.com");
        using var phone = email.Host.CreateClient();
        var token = await email.RequestTokenAsync(phone, "dave@example.com");

        (await (await email.ConfirmAsync(phone, token)).ReadJsonAsync()).ToString();

        var notice = (await email.MessagesToAsync("dave@example.com")).Last();
        Assert.That(notice.Subject, Is.EqualTo("Someone signed in to your Tests account with an emailed link"));
        Assert.That(notice.TextBody, Does.Contain("secure your mailbox"));
    }

    [Test]
    public async Task A_pending_address_gets_no_notice()
    {
        await using var email = await EmailLoginHost.StartAsync();
        using var browser = new PasskeyBrowser(email.Host);
        (await browser.SignUpAsync("erin", "erin@example.com")).Dispose();
        var id = (await (await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin })).ReadJsonAsync(201))["credential"]!["id"]!.GetValue<string>();
        (await browser.Client.DeleteAsync($"/passkeys/credentials/{id}")).Dispose();

        var messages = await email.MessagesToAsync("erin@example.com");
        Assert.That(messages.Select(m => m.Subject), Is.EqualTo(new[] { "Confirm your email address for Tests" }), "only the verification link");
    }

    [Test]
    public async Task A_script_in_a_display_name_is_html_encoded_in_both_emails()
    {
        const string Name = "<script>alert(\"x\")</script> & 'co'";
        await using var email = await EmailLoginHost.StartAsync();
        using var browser = new PasskeyBrowser(email.Host);
        using (var signUp = await browser.SignUpAsync("mallory", "mallory@example.com", Name))
        {
            Assert.That((int)signUp.StatusCode, Is.EqualTo(200));
        }

        using (var verified = await email.VerifyAsync(browser.Client, await email.VerificationTokenAsync("mallory@example.com")))
        {
            Assert.That((int)verified.StatusCode, Is.EqualTo(200));
        }

        using (var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin }))
        {
            Assert.That((int)added.StatusCode, Is.EqualTo(201));
        }

        await email.RequestTokenAsync(browser.Client, "mallory@example.com");
        var messages = await email.MessagesToAsync("mallory@example.com");
        Assert.That(messages, Has.Count.EqualTo(3), "the verification link, the notice and the sign-in link");
        foreach (var message in messages)
        {
            Assert.That(message.HtmlBody, Does.Not.Contain("<script>").And.Not.Contain("\"x\""));
        }

        // The verification mail names no display name at all; the others carry it encoded.
        foreach (var message in messages.Where(m => !m.Subject.StartsWith("Confirm your email address", StringComparison.Ordinal)))
        {
            Assert.That(message.HtmlBody, Does.Contain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;co&#x27;"));
            Assert.That(message.TextBody, Does.Contain("Hello " + Name + ","), "plain text carries the name as it is");
        }
    }

    [Test]
    public async Task Adding_more_passkeys_than_the_limit_sends_the_limit_of_notices_per_window_and_still_adds_every_passkey()
    {
        await using var email = await EmailLoginHost.StartAsync(o =>
        {
            o.AddressPermitLimit = 2;
            o.AddressWindow = TimeSpan.FromMinutes(10);
        });
        using var browser = new PasskeyBrowser(email.Host);
        await email.SignUpVerifiedAsync(browser, "victim", "victim@example.com");

        // Whoever holds the account's session adds passkey after passkey.
        await AddPasskeysAsync(browser, 4);
        Assert.That(await email.MessagesToAsync("victim@example.com"), Has.Count.EqualTo(2), "the limit's number of notices in the window");
        Assert.That(email.Logs.Lines.Count(l => l.Contains("[214]", StringComparison.Ordinal)), Is.EqualTo(2), "each skipped notice is logged");
        Assert.That(email.Logs.Lines.Where(l => l.Contains("[214]", StringComparison.Ordinal)), Has.None.Contains("victim"));

        email.Host.Time.Advance(TimeSpan.FromMinutes(10));
        using (var confirmed = await browser.ReauthenticateAsync())
        {
            Assert.That((int)confirmed.StatusCode, Is.EqualTo(200), "adding needs a recent passkey again after 10 minutes");
        }

        await AddPasskeysAsync(browser, 3);
        Assert.That(await email.MessagesToAsync("victim@example.com"), Has.Count.EqualTo(4), "a new window, and its limit");
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(8), "every passkey was added");
    }

    private static async Task AddPasskeysAsync(PasskeyBrowser browser, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var added = await browser.AddPasskeyAsync(new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin });
            Assert.That((int)added.StatusCode, Is.EqualTo(201), await added.Content.ReadAsStringAsync());
        }
    }
}
