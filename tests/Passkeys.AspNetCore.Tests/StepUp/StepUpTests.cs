using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.StepUp;

/// <summary>
/// Step-up: deleting a passkey, signing out other sessions and adding a passkey need a passkey ceremony within
/// <see cref="PasskeyHttpOptions.RecentAuthenticationWindow"/> (its time is the ticket's <c>auth_time</c>); later,
/// the user confirms with <c>POST reauthenticate</c>, which refreshes that time and nothing else.
/// </summary>
public class StepUpTests
{
    internal const string SessionCookie = "__Host-.Passkeys.Session";
    internal static readonly TimeSpan Window = new PasskeyHttpOptions().RecentAuthenticationWindow;
    internal static readonly TimeSpan BeyondWindow = TimeSpan.FromMinutes(6);

    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public void The_default_window_is_five_minutes() => Assert.That(Window, Is.EqualTo(TimeSpan.FromMinutes(5)));

    [Test]
    public void A_window_outside_30_seconds_to_an_hour_fails_at_start_up_with_a_sentence([Values(0, 29, 3601)] int seconds)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await PasskeysTestHost.StartAsync(o => o.RecentAuthenticationWindow = TimeSpan.FromSeconds(seconds)));
        Assert.That(failure!.Message, Does.Contain("RecentAuthenticationWindow").And.Contain("00:05:00 is usual"));
    }

    [Test]
    public async Task Sign_up_and_sign_in_carry_auth_time_from_the_clock_and_amr_passkey()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        Assert.That(await AuthTimeAsync(browser.Client), Is.EqualTo(Now()), "sign-up");

        _host.Time.Advance(TimeSpan.FromMinutes(42));
        using var other = new PasskeyBrowser(_host, authenticator: browser.Authenticator);
        (await other.LoginAsync("alice")).Dispose();

        Assert.That(await AuthTimeAsync(other.Client), Is.EqualTo(Now()), "sign-in");
        Assert.That(await EmailLoginTests.ClaimsAsync(other.Client), Does.Contain(("amr", "passkey")));
    }

    [Test]
    public async Task A_fresh_sign_in_may_delete_a_passkey_and_the_new_ticket_keeps_auth_time_and_amr()
    {
        var (browser, second) = await SignedInWithTwoPasskeysAsync();
        var signedInAt = await AuthTimeAsync(browser.Client);
        _host.Time.Advance(Window - TimeSpan.FromSeconds(1));

        using var delete = await browser.Client.DeleteAsync($"/passkeys/credentials/{second}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That(browser.Client.SetCookie(SessionCookie), Is.Not.Null, "a new ticket (the stamp changed)");
        Assert.That(await AuthTimeAsync(browser.Client), Is.EqualTo(signedInAt), "deleting is not a new authentication");
        Assert.That(await EmailLoginTests.ClaimsAsync(browser.Client), Does.Contain(("amr", "passkey")));
    }

    [Test]
    public async Task Auth_time_and_amr_survive_sign_out_other_sessions_and_the_renewal_of_the_cookie()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        var signedInAt = await AuthTimeAsync(browser.Client);

        _host.Time.Advance(TimeSpan.FromMinutes(2));
        using (var others = await browser.Client.PostJsonAsync("/passkeys/logout-others", "{}"))
        {
            Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await AuthTimeAsync(browser.Client), Is.EqualTo(signedInAt), "after sign out other sessions");

        // The session validator renews a checked ticket once the validation interval has passed.
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        using (var renewed = await browser.Client.GetAsync("/test/claims"))
        {
            Assert.That(browser.Client.SetCookie(SessionCookie), Is.Not.Null.And.Not.Contain("1970"), "renewed");
        }

        Assert.That(await AuthTimeAsync(browser.Client), Is.EqualTo(signedInAt), "after renewal");
        Assert.That(await EmailLoginTests.ClaimsAsync(browser.Client), Does.Contain(("amr", "passkey")));
    }

    [Test]
    public async Task Six_minutes_after_sign_in_deleting_a_passkey_is_refused_until_the_user_reauthenticates()
    {
        var (browser, second) = await SignedInWithTwoPasskeysAsync();
        var stamp = await StampAsync();
        _host.Time.Advance(BeyondWindow);

        using (var refused = await browser.Client.DeleteAsync($"/passkeys/credentials/{second}"))
        {
            await refused.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2), "nothing deleted");
        Assert.That(await StampAsync(), Is.EqualTo(stamp), "no session ended");
        Assert.That(_host.Events, Has.None.StartsWith("OnCredentialDeleted"));

        using (var reauthenticate = await browser.ReauthenticateAsync())
        {
            Assert.That((await reauthenticate.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True);
        }

        using var delete = await browser.Client.DeleteAsync($"/passkeys/credentials/{second}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Six_minutes_after_sign_in_sign_out_other_sessions_is_refused_until_the_user_reauthenticates()
    {
        using var acting = new PasskeyBrowser(_host);
        (await acting.SignUpAsync("alice")).Dispose();
        using var other = new PasskeyBrowser(_host, authenticator: acting.Authenticator);
        (await other.LoginAsync("alice")).Dispose();
        _host.Time.Advance(BeyondWindow);

        using (var refused = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}"))
        {
            await refused.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That((await other.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other session lives on");

        (await acting.ReauthenticateAsync()).Dispose();
        using (var others = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}"))
        {
            Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await other.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task After_the_window_adding_a_passkey_is_refused_at_options_and_at_verify_until_the_user_reauthenticates()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();

        // Options taken just in time, the response sent just after the window: refused, and the ceremony is kept.
        _host.Time.Advance(Window - TimeSpan.FromSeconds(10));
        using (var options = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}"))
        {
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            browser.LastOptions = await options.Content.ReadAsStringAsync();
        }

        var response = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin }.CreateCredential(browser.LastOptions);
        _host.Time.Advance(TimeSpan.FromSeconds(20));

        using (var refusedVerify = await browser.Client.PostJsonAsync("/passkeys/credentials", response))
        {
            var problem = await refusedVerify.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        }

        using (var refusedOptions = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}"))
        {
            await refusedOptions.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1), "nothing added");

        // After confirming, the same response is accepted: what passkeys.js does (confirm, then send it again).
        (await browser.ReauthenticateAsync()).Dispose();
        using var retried = await browser.Client.PostJsonAsync("/passkeys/credentials", response);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retried.Content.ReadAsStringAsync());
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Reauthenticate_refreshes_auth_time_and_amr_and_changes_nothing_else()
    {
        using var acting = new PasskeyBrowser(_host);
        (await acting.SignUpAsync("alice")).Dispose();
        using var other = new PasskeyBrowser(_host, authenticator: acting.Authenticator);
        (await other.LoginAsync("alice")).Dispose();
        var before = await EmailLoginTests.ClaimsAsync(acting.Client);
        var stamp = await StampAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(30));

        using var reauthenticate = await acting.ReauthenticateAsync();

        Assert.That((await reauthenticate.ReadJsonAsync())["verified"]?.GetValue<bool>(), Is.True);
        var after = await EmailLoginTests.ClaimsAsync(acting.Client);
        Assert.Multiple(() =>
        {
            Assert.That(after.Single(c => c.Type == "auth_time").Value, Is.EqualTo(Now().ToString(CultureInfo.InvariantCulture)));
            Assert.That(after.Where(c => c.Type != "auth_time"), Is.EquivalentTo(before.Where(c => c.Type != "auth_time")), "the same user, amr and stamp");
            Assert.That(_host.Events, Has.Exactly(2).StartsWith("OnSignedIn"), "a confirmation is not a sign-in");
        });
        Assert.That(await StampAsync(), Is.EqualTo(stamp), "the stored stamp is unchanged");
        Assert.That((await other.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "no other session ended");
    }

    [Test]
    public async Task Reauthenticate_with_another_users_passkey_fails_and_changes_nothing()
    {
        var (alice, second) = await SignedInWithTwoPasskeysAsync();
        using var bob = new PasskeyBrowser(_host);
        (await bob.SignUpAsync("bob")).Dispose();
        _host.Time.Advance(BeyondWindow);
        var before = await EmailLoginTests.ClaimsAsync(alice.Client);

        // Alice's options, answered with Bob's passkey (Bob's authenticator in Alice's browser).
        using (var refused = await alice.ReauthenticateAsync(bob.Authenticator, bob.Authenticator.Credentials[0].Id))
        {
            var problem = await refused.ReadProblemAsync(400, PasskeyErrorCodes.UnknownCredential);
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        }

        // Bob's own ceremony, its cookie and his answer carried over to Alice's session.
        using (var options = await bob.Client.PostJsonAsync("/passkeys/reauthenticate/options", "{}"))
        {
            var bobsResponse = bob.Authenticator.GetAssertion(await options.Content.ReadAsStringAsync());
            alice.Client.Cookies.Add(new Cookie("__Host-.Passkeys.Ceremony.step", bob.Client.Cookie("__Host-.Passkeys.Ceremony.step"), "/", "localhost") { Secure = true });
            using var carried = await alice.Client.PostJsonAsync("/passkeys/reauthenticate", bobsResponse);
            await carried.ReadProblemAsync(400, PasskeyErrorCodes.CeremonyMismatch);
        }

        Assert.That(await EmailLoginTests.ClaimsAsync(alice.Client), Is.EquivalentTo(before), "the session is as it was");
        await (await alice.Client.DeleteAsync($"/passkeys/credentials/{second}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        Assert.That(await bob.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reauthenticate_is_single_use_and_a_sign_in_ceremony_cannot_stand_in_for_it()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        (await browser.ReauthenticateAsync()).Dispose();
        var once = browser.LastResponse!;
        _host.Time.Advance(BeyondWindow);

        using (var replay = await browser.Client.PostJsonAsync("/passkeys/reauthenticate", once))
        {
            await replay.ReadProblemAsync(400, PasskeyErrorCodes.ChallengeNotFound);
        }

        // A sign-in ceremony (its .auth cookie) answered at the confirmation endpoint: no confirmation ceremony is found.
        using (var loginOptions = await browser.Client.PostJsonAsync("/passkeys/login/options", new { userName = "alice" }))
        {
            var response = browser.Authenticator.GetAssertion(await loginOptions.Content.ReadAsStringAsync());
            using var wrongKind = await browser.Client.PostJsonAsync("/passkeys/reauthenticate", response);
            await wrongKind.ReadProblemAsync(400, PasskeyErrorCodes.ChallengeNotFound);
        }

        // A confirmation ceremony's cookie presented as a sign-in's: the engine refuses the kind.
        using (var options = await browser.Client.PostJsonAsync("/passkeys/reauthenticate/options", "{}"))
        {
            var response = browser.Authenticator.GetAssertion(await options.Content.ReadAsStringAsync());
            browser.Client.Cookies.Add(new Cookie("__Host-.Passkeys.Ceremony.auth", browser.Client.Cookie("__Host-.Passkeys.Ceremony.step"), "/", "localhost") { Secure = true });
            using var asLogin = await browser.Client.PostJsonAsync("/passkeys/login", response);
            await asLogin.ReadProblemAsync(401, PasskeyErrorCodes.CeremonyMismatch);
        }

        await (await browser.Client.PostJsonAsync("/passkeys/logout-others", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
    }

    [Test]
    public async Task Reauthenticate_needs_a_session_and_is_refused_from_another_site_or_as_a_form()
    {
        using var stranger = _host.CreateClient();
        await (await stranger.PostJsonAsync("/passkeys/reauthenticate/options", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        await (await stranger.PostJsonAsync("/passkeys/reauthenticate", "{}")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);

        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        await (await browser.Client.PostJsonAsync("/passkeys/reauthenticate/options", "a=1", "application/x-www-form-urlencoded"))
            .ReadProblemAsync(415, PasskeyHttpErrorCodes.UnsupportedMediaType);
        browser.Client.Origin = "https://evil.example";
        await (await browser.Client.PostJsonAsync("/passkeys/reauthenticate/options", "{}")).ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        await (await browser.Client.PostJsonAsync("/passkeys/reauthenticate", "{}")).ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        Assert.That(browser.Client.Cookie("__Host-.Passkeys.Ceremony.step"), Is.Null, "no ceremony began");
    }

    [Test]
    public async Task Reauthenticate_for_a_user_without_passkeys_is_409_no_passkeys()
    {
        await _host.DisposeAsync();
        _host = await PasskeysTestHost.StartAsync(o => o.AllowDeletingLastCredential = true);
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        var only = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
        (await browser.Client.DeleteAsync($"/passkeys/credentials/{only}")).Dispose();

        using var options = await browser.Client.PostJsonAsync("/passkeys/reauthenticate/options", "{}");

        await options.ReadProblemAsync(409, PasskeyErrorCodes.NoPasskeys);
        Assert.That(browser.Client.Cookie("__Host-.Passkeys.Ceremony.step"), Is.Null);
    }

    private async Task<(PasskeyBrowser Browser, string SecondPasskeyId)> SignedInWithTwoPasskeysAsync()
    {
        var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        var first = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
        using (var add = await browser.AddPasskeyAsync(new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin }))
        {
            Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.Created), await add.Content.ReadAsStringAsync());
        }

        var second = (await browser.ListAsync()).Select(p => p!["id"]!.GetValue<string>()).Single(id => id != first);
        return (browser, second);
    }

    private long Now() => _host.Time.GetUtcNow().ToUnixTimeSeconds();

    private async Task<string> StampAsync() => (await _host.Users.FindByNameAsync("alice", CancellationToken.None))!.SecurityStamp;

    internal static async Task<long> AuthTimeAsync(TestClient client)
        => long.Parse((await EmailLoginTests.ClaimsAsync(client)).Single(c => c.Type == "auth_time").Value, CultureInfo.InvariantCulture);
}
