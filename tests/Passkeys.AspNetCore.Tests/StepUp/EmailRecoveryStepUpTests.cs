using System.Net;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.StepUp;

/// <summary>
/// A session that began with an emailed link (<c>amr</c> <c>email</c>) may add one passkey within the window right
/// after the link (the recovery path on a new device) and nothing else: not a second passkey, not later, not a
/// deletion or "sign out other sessions" without a passkey ceremony. A few minutes in someone's mailbox must not
/// become permanent access.
/// </summary>
public class EmailRecoveryStepUpTests
{
    private const string Alice = "alice@example.com";

    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp()
    {
        _email = await EmailLoginHost.StartAsync();
        await Host.SeedUserAsync("alice", Alice);

        // The account and its passkey are older than any link sign-in (one made at the very same instant would count
        // as added since, and the fake clock stands still).
        Host.Time.Advance(TimeSpan.FromMilliseconds(1));
    }

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    [Test]
    public async Task A_link_session_carries_amr_email_and_auth_time_of_the_link()
    {
        using var browser = await SignInByLinkAsync();

        Assert.That(await EmailLoginTests.ClaimsAsync(browser.Client), Does.Contain(("amr", "email")));
        Assert.That(await StepUpTests.AuthTimeAsync(browser.Client), Is.EqualTo(Host.Time.GetUtcNow().ToUnixTimeSeconds()));
    }

    [Test]
    public async Task A_link_session_may_add_exactly_one_passkey_right_after_the_link()
    {
        using var browser = await SignInByLinkAsync();
        Host.Time.Advance(StepUpTests.Window - TimeSpan.FromSeconds(30));

        using (var first = await browser.AddPasskeyAsync())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        }

        using (var second = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}"))
        {
            await second.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2), "the seeded passkey and the one added");
        Assert.That(browser.Client.Cookie("__Host-.Passkeys.Ceremony.add"), Is.Null.Or.Empty, "no second ceremony began");
    }

    [Test]
    public async Task Two_adds_begun_together_from_a_link_session_store_only_one_passkey()
    {
        // Two tabs (or a copy of the cookie) start adding before either finishes: the second is refused at verify,
        // because "once" is read from the store (a passkey created since the link), not from the ticket.
        using var browser = await SignInByLinkAsync();
        var copy = new PasskeyBrowser(Host);
        copy.Client.Cookies.Add(browser.Client.Cookies.GetCookies(browser.Client.BaseAddress));

        var first = await StartAddAsync(browser);
        var second = await StartAddAsync(copy);
        using (var added = await browser.Client.PostJsonAsync("/passkeys/credentials", first))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        }

        using (var refused = await copy.Client.PostJsonAsync("/passkeys/credentials", second))
        {
            await refused.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));
        copy.Dispose();
    }

    [Test]
    public async Task A_link_session_may_not_add_a_passkey_after_the_window()
    {
        using var browser = await SignInByLinkAsync();
        Host.Time.Advance(StepUpTests.BeyondWindow);

        using var refused = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}");

        await refused.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_link_session_may_not_delete_a_passkey_or_sign_out_other_sessions_even_right_after_the_link()
    {
        using var browser = await SignInByLinkAsync();
        var seeded = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
        (await browser.AddPasskeyAsync()).Dispose();
        var stamp = (await Host.Users.FindByNameAsync("alice", CancellationToken.None))!.SecurityStamp;

        await (await browser.Client.DeleteAsync($"/passkeys/credentials/{seeded}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        await (await browser.Client.PostJsonAsync("/passkeys/logout-others", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2), "nothing deleted");
        Assert.That((await Host.Users.FindByNameAsync("alice", CancellationToken.None))!.SecurityStamp, Is.EqualTo(stamp), "no session ended");
    }

    [Test]
    public async Task After_recovery_the_new_passkey_confirms_and_then_the_session_may_delete_and_add()
    {
        using var browser = await SignInByLinkAsync();
        var seeded = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
        (await browser.AddPasskeyAsync()).Dispose();
        Host.Time.Advance(StepUpTests.BeyondWindow);

        using (var reauthenticate = await browser.ReauthenticateAsync())
        {
            Assert.That(reauthenticate.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reauthenticate.Content.ReadAsStringAsync());
        }

        Assert.That(await EmailLoginTests.ClaimsAsync(browser.Client), Does.Contain(("amr", "passkey")), "confirmed with a passkey");
        using (var delete = await browser.Client.DeleteAsync($"/passkeys/credentials/{seeded}"))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        }

        using var add = await browser.AddPasskeyAsync(new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin });
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.Created), await add.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_second_link_allows_one_more_passkey()
    {
        // "Once" is per link: each link is itself single use and proves the mailbox again.
        using var browser = await SignInByLinkAsync();
        (await browser.AddPasskeyAsync()).Dispose();
        Host.Time.Advance(TimeSpan.FromSeconds(1));
        using var again = await SignInByLinkAsync();

        using var add = await again.AddPasskeyAsync();

        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.Created), await add.Content.ReadAsStringAsync());
        await (await again.Client.PostJsonAsync("/passkeys/credentials/options", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
    }

    private Task<PasskeyBrowser> SignInByLinkAsync() => _email.SignInByLinkAsync(Alice);

    private static async Task<string> StartAddAsync(PasskeyBrowser browser)
    {
        using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}");
        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), await options.Content.ReadAsStringAsync());
        return new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin }.CreateCredential(await options.Content.ReadAsStringAsync());
    }
}
