using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.AspNetCore.Tests.StepUp;

namespace Passkeys.AspNetCore.Tests.EmailVerification;

/// <summary>
/// An address is the account's email only once its owner follows the link sent to it: until then it reserves nothing,
/// receives only that link and is no claim; the link works once, for that account and that address only.
/// </summary>
public class EmailVerificationTests
{
    private const string Victim = "victim@example.com";

    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp() => _email = await EmailLoginHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    // The pre-hijack: sign up with someone else's address and your own passkey, and wait for them to use it.
    [Test]
    public async Task Signing_up_with_someone_elses_address_gets_no_link_and_its_owner_wins_the_address()
    {
        using var mallory = new PasskeyBrowser(Host);
        (await mallory.SignUpAsync("mallory", Victim)).Dispose();
        var mallorysVerification = await _email.VerificationTokenAsync(Victim);
        Assert.That((await _email.MessagesToAsync(Victim)).Single().TextBody, Does.Not.Contain("mallory"), "the mail carries no text the account chose");
        var peeked = await (await Host.CreateClient().PostJsonAsync("/passkeys/email/verify/peek", new { token = mallorysVerification })).ReadJsonAsync();
        Assert.That(peeked["userName"]!.GetValue<string>(), Is.EqualTo("mallory"), "the page names the account before anything is confirmed");

        // The address is no email of mallory's account: no sign-in link goes there for it.
        var account = await (await mallory.Client.GetAsync("/passkeys/account")).ReadJsonAsync();
        Assert.That((account["email"], account["emailVerified"]!.GetValue<bool>()), Is.EqualTo(((System.Text.Json.Nodes.JsonNode?)null, false)));
        (await _email.RequestLinkAsync(mallory.Client, Victim)).Dispose();
        Assert.That(await _email.MessagesToAsync(Victim), Has.Count.EqualTo(1), "only the verification link, no sign-in link");

        // The owner signs up with her own address (it was not taken), verifies it, and her links lead to her account.
        using var victim = new PasskeyBrowser(Host);
        using (var signUp = await victim.SignUpAsync("victim", Victim))
        {
            Assert.That((int)signUp.StatusCode, Is.EqualTo(200), await signUp.Content.ReadAsStringAsync());
        }

        using (var verified = await _email.VerifyAsync(Host.CreateClient(), await _email.VerificationTokenAsync(Victim)))
        {
            Assert.That((await verified.ReadJsonAsync())["email"]!.GetValue<string>(), Is.EqualTo(Victim));
        }

        using var phone = Host.CreateClient();
        var token = await _email.RequestTokenAsync(phone, Victim);
        Assert.That((await (await _email.PeekAsync(phone, token)).ReadJsonAsync())["userName"]!.GetValue<string>(), Is.EqualTo("victim"));

        // Mallory's link, followed late (by the owner, fooled), cannot take the address back.
        await (await _email.VerifyAsync(Host.CreateClient(), mallorysVerification)).ReadProblemAsync(409, PasskeyErrorCodes.EmailExists);

        // Mallory's account learns nothing: its address still waits, as an address nobody verified would.
        var after = await (await mallory.Client.GetAsync("/passkeys/account")).ReadJsonAsync();
        Assert.That((after["email"], after["pendingEmail"]!.GetValue<string>()), Is.EqualTo(((System.Text.Json.Nodes.JsonNode?)null, Victim)));
        Assert.That((await Host.Users.FindByEmailAsync(Victim, CancellationToken.None))?.UserName, Is.EqualTo("victim"));
    }

    [Test]
    public async Task Other_accounts_naming_an_address_cannot_spend_its_owners_verification_links()
    {
        for (var i = 0; i < 4; i++)
        {
            using var attacker = new PasskeyBrowser(Host);
            (await attacker.SignUpAsync($"mallory{i}", Victim)).Dispose();
        }

        using var victim = new PasskeyBrowser(Host);
        (await victim.SignUpAsync("victim", Victim)).Dispose();
        Assert.That(await _email.MessagesToAsync(Victim), Has.Count.EqualTo(5), "her own link was sent after the four");
        var hers = await (await Host.CreateClient().PostJsonAsync("/passkeys/email/verify/peek", new { token = await _email.VerificationTokenAsync(Victim) })).ReadJsonAsync();
        Assert.That(hers["userName"]!.GetValue<string>(), Is.EqualTo("victim"));
        (await (await victim.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}")).ReadJsonAsync(202)).ToString();
        (await (await _email.VerifyAsync(Host.CreateClient(), await _email.VerificationTokenAsync(Victim))).ReadJsonAsync()).ToString();
        Assert.That((await Host.Users.FindByEmailAsync(Victim, CancellationToken.None))?.UserName, Is.EqualTo("victim"));
    }

    [Test]
    public async Task The_mail_to_an_unproved_address_carries_no_text_the_account_chose()
    {
        using var mallory = new PasskeyBrowser(Host);
        (await mallory.SignUpAsync("restore-at.evil.example", Victim, "Restore your account at https://evil.example/r")).Dispose();

        var mail = (await _email.MessagesToAsync(Victim)).Single();
        Assert.That(mail.TextBody + mail.HtmlBody, Does.Not.Contain("evil.example"));
        Assert.That(mail.TextBody, Does.StartWith("Hello,"));
    }

    [Test]
    public async Task No_verification_mail_goes_to_an_address_another_account_verified()
    {
        await Host.SeedUserAsync("owner", Victim);
        using var mallory = new PasskeyBrowser(Host);
        using (var signUp = await mallory.SignUpAsync("mallory", Victim))
        {
            Assert.That((int)signUp.StatusCode, Is.EqualTo(200), "the same answer as for any address");
        }

        (await (await mallory.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}")).ReadJsonAsync(202)).ToString();
        Assert.That(await _email.MessagesToAsync(Victim), Is.Empty);
    }

    [Test]
    public async Task Peek_names_the_address_and_account_without_spending_the_link_which_then_works_once()
    {
        using var browser = new PasskeyBrowser(Host);
        (await browser.SignUpAsync("carol", "carol@example.com")).Dispose();
        var token = await _email.VerificationTokenAsync("carol@example.com");
        using var phone = Host.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var peek = await (await phone.PostJsonAsync("/passkeys/email/verify/peek", new { token })).ReadJsonAsync();
            Assert.That((peek["email"]!.GetValue<string>(), peek["userName"]!.GetValue<string>()), Is.EqualTo(("carol@example.com", "carol")));
        }

        var verified = await (await _email.VerifyAsync(phone, token)).ReadJsonAsync();
        Assert.That((verified["email"]!.GetValue<string>(), verified["pendingEmail"]), Is.EqualTo(("carol@example.com", (System.Text.Json.Nodes.JsonNode?)null)));
        await (await _email.VerifyAsync(phone, token)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        await (await phone.PostJsonAsync("/passkeys/email/verify/peek", new { token })).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        Assert.That((await Host.Users.FindByNameAsync("carol", CancellationToken.None))?.Email, Is.EqualTo("carol@example.com"));
        Assert.That(Host.Events, Has.None.StartsWith("OnFailure"), "nothing was refused along the way");
    }

    [Test]
    public async Task An_expired_tampered_or_sign_in_link_does_not_verify_and_a_verification_link_does_not_sign_in()
    {
        await Host.SeedUserAsync("dave", "dave@example.com");
        using var browser = new PasskeyBrowser(Host);
        (await browser.SignUpAsync("erin", "erin@example.com")).Dispose();
        var verification = await _email.VerificationTokenAsync("erin@example.com");
        using var phone = Host.CreateClient();
        var signIn = await _email.RequestTokenAsync(phone, "dave@example.com");

        await (await _email.VerifyAsync(phone, signIn)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        await (await _email.ConfirmAsync(phone, verification)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        var tampered = verification[..^2] + (verification[^2] == 'A' ? 'B' : 'A') + verification[^1];
        await (await _email.VerifyAsync(phone, tampered)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);

        Host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await (await _email.VerifyAsync(phone, verification)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        Assert.That((await Host.Users.FindByNameAsync("erin", CancellationToken.None))?.Email, Is.Null);
    }

    [Test]
    public async Task Changing_the_address_needs_a_recent_passkey_keeps_the_old_until_the_new_is_verified_and_tells_the_old()
    {
        using var browser = new PasskeyBrowser(Host);
        await _email.SignUpVerifiedAsync(browser, "frank", "old@example.com");
        Host.Time.Advance(StepUpTests.BeyondWindow);

        await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = "new@example.com" })).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        (await browser.ReauthenticateAsync()).Dispose();
        var state = await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = "new@example.com" })).ReadJsonAsync(202);
        Assert.That((state["email"]!.GetValue<string>(), state["pendingEmail"]!.GetValue<string>()), Is.EqualTo(("old@example.com", "new@example.com")));

        // Until the new address is verified, links go to the old one only.
        using var phone = Host.CreateClient();
        await _email.RequestTokenAsync(phone, "old@example.com");
        (await _email.RequestLinkAsync(phone, "new@example.com")).Dispose();
        Assert.That((await _email.MessagesToAsync("new@example.com")).Select(m => m.Subject), Has.All.StartsWith("Confirm your email address"));

        var verified = await (await _email.VerifyAsync(phone, await _email.VerificationTokenAsync("new@example.com"))).ReadJsonAsync();
        Assert.That(verified["email"]!.GetValue<string>(), Is.EqualTo("new@example.com"));
        var notice = (await _email.MessagesToAsync("old@example.com")).Last();
        Assert.That(notice.Subject, Does.Contain("email address of your Tests account was changed"));
        Assert.That(notice.TextBody, Does.Contain("new@example.com"));
        await _email.RequestTokenAsync(phone, "new@example.com");

        // A verified address replaced ends the account's sessions, this one too: sign in again with a passkey.
        await (await browser.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task A_link_for_an_address_the_account_no_longer_asks_for_is_refused()
    {
        using var browser = new PasskeyBrowser(Host);
        (await browser.SignUpAsync("gina", "first@example.com")).Dispose();
        var first = await _email.VerificationTokenAsync("first@example.com");
        (await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = "second@example.com" })).ReadJsonAsync(202)).ToString();

        using var phone = Host.CreateClient();
        await (await _email.VerifyAsync(phone, first)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        await (await _email.VerifyAsync(phone, await _email.VerificationTokenAsync("second@example.com"))).ReadJsonAsync();
        Assert.That((await Host.Users.FindByNameAsync("gina", CancellationToken.None))?.Email, Is.EqualTo("second@example.com"));
    }

    [Test]
    public async Task Resend_sends_the_link_again_within_the_limit_and_refuses_without_a_pending_address()
    {
        using var browser = new PasskeyBrowser(Host);
        (await browser.SignUpAsync("hana", "hana@example.com")).Dispose();

        for (var sent = 2; sent <= 3; sent++)
        {
            (await (await browser.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}")).ReadJsonAsync(202)).ToString();
            Assert.That(await _email.MessagesToAsync("hana@example.com"), Has.Count.EqualTo(sent));
        }

        using (var limited = await browser.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}"))
        {
            await limited.ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        }

        (await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = (string?)null })).ReadJsonAsync()).ToString();
        await (await browser.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}")).ReadProblemAsync(409, PasskeyHttpErrorCodes.NoPendingEmail);
    }

    [Test]
    public async Task A_change_refused_by_a_limit_or_as_invalid_changes_nothing()
    {
        using var browser = new PasskeyBrowser(Host);
        (await browser.SignUpAsync("ivan", "ivan@example.com")).Dispose();

        foreach (var invalid in new[] { "not an address", "\u0430lice@example.com", "ali\u200Bce@example.com", new string('a', 250) + "@x.io", "ivan@corp.example.", "ivan@[127.0.0.1]" })
        {
            await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = invalid })).ReadProblemAsync(400, PasskeyErrorCodes.InvalidEmail);
        }

        await (await browser.Client.PostJsonAsync("/passkeys/email", "{\"email\":5}")).ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
        for (var i = 0; i < 2; i++)
        {
            (await browser.Client.PostJsonAsync("/passkeys/email/verify/resend", "{}")).Dispose();
        }

        // The account's limit is spent: the change is refused before it is saved.
        await (await browser.Client.PostJsonAsync("/passkeys/email", new { email = "other@example.com" })).ReadProblemAsync(429, PasskeyHttpErrorCodes.EmailRateLimited);
        Assert.That((await Host.Users.FindByNameAsync("ivan", CancellationToken.None))?.PendingEmail, Is.EqualTo("ivan@example.com"));
        using var signedOut = Host.CreateClient();
        await (await signedOut.PostJsonAsync("/passkeys/email", new { email = "x@example.com" })).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(await _email.MessagesToAsync("other@example.com"), Is.Empty);
    }
}
