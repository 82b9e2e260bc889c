using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Sessions end when what they rest on changes: a passkey deleted, "sign out other sessions", the account gone. The
/// passkey endpoints check the session's security stamp on every request; any other request checks it once the
/// validation interval has passed.
/// </summary>
public class SessionRevocationTests
{
    private static readonly TimeSpan Interval = new PasskeyHttpOptions().SecurityStampValidationInterval;

    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public void The_default_validation_interval_is_five_minutes()
        => Assert.That(Interval, Is.EqualTo(TimeSpan.FromMinutes(5)));

    [Test]
    public async Task Deleting_a_passkey_ends_the_other_session_at_once_and_keeps_the_acting_one()
    {
        var (acting, other, secondDevice) = await TwoSessionsWithTwoPasskeysAsync();
        var second = (await acting.ListAsync()).Single(p => p!["id"]!.GetValue<string>() != FirstPasskeyId(acting))!["id"]!.GetValue<string>();

        using var delete = await acting.Client.DeleteAsync($"/passkeys/credentials/{second}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(acting.Client.SetCookie("__Host-.Passkeys.Session"), Is.Not.Null, "the acting session gets a fresh ticket");
        await AssertSignedInAsync(acting, "the acting session");

        // No time passes: the next state-changing request of the other session is refused, and its cookie deleted.
        using var rename = await other.Client.PatchJsonAsync($"/passkeys/credentials/{FirstPasskeyId(acting)}", new { name = "stolen laptop" });
        await rename.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(other.Client.SetCookie("__Host-.Passkeys.Session"), Does.Contain("expires=Thu, 01 Jan 1970").IgnoreCase);
        await (await other.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That((await acting.ListAsync()).Single()!["name"]?.GetValue<string>(), Is.Not.EqualTo("stolen laptop"), "the refused rename wrote nothing");
        Assert.That(secondDevice, Is.Not.Null);
    }

    [Test]
    public async Task Sign_out_other_sessions_ends_the_other_session_at_once_and_keeps_the_acting_one()
    {
        var (acting, other) = await TwoSessionsAsync();

        using var response = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(acting.Client.SetCookie("__Host-.Passkeys.Session"), Does.Not.Contain("1970"), "a fresh ticket, not a deletion");
        await AssertSignedInAsync(acting, "the acting session");
        using var options = await other.Client.PostJsonAsync("/passkeys/credentials/options", "{}");
        await options.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(other.Client.Cookie("__Host-.Passkeys.Ceremony.add"), Is.Null, "the refused request began no ceremony");
    }

    [Test]
    public async Task Sign_out_other_sessions_without_a_body_works_and_without_a_session_is_401()
    {
        var (acting, other) = await TwoSessionsAsync();

        using var response = await acting.Client.SendAsync(HttpMethod.Post, "/passkeys/logout-others", content: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var again = await other.Client.SendAsync(HttpMethod.Post, "/passkeys/logout-others", content: null);
        await again.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);

        using var stranger = _host.CreateClient();
        using var anonymous = await stranger.PostJsonAsync("/passkeys/logout-others", "{}");
        await anonymous.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        await AssertSignedInAsync(acting, "the session the revoked one tried to end");
    }

    [Test]
    public async Task Sign_out_other_sessions_is_refused_from_another_site()
    {
        var (acting, other) = await TwoSessionsAsync();
        acting.Client.Origin = "https://evil.example";

        using var response = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}");

        await response.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        await AssertSignedInAsync(other, "the other session");
    }

    [Test]
    public async Task After_the_interval_any_request_of_an_ended_session_is_unauthenticated_and_the_acting_one_stays()
    {
        var (acting, other) = await TwoSessionsAsync();
        using (var response = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}"))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        // Within the interval a request that is not a passkey endpoint is not checked against the store.
        _host.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.That((await other.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "within the interval");

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        using var afterInterval = await other.Client.GetAsync("/test/claims");
        Assert.That(afterInterval.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "after the interval");
        Assert.That(other.Client.SetCookie("__Host-.Passkeys.Session"), Does.Contain("expires=Thu, 01 Jan 1970").IgnoreCase, "the cookie is deleted");
        Assert.That((await acting.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the acting session");
        Assert.That(acting.Client.SetCookie("__Host-.Passkeys.Session"), Is.Not.Null.And.Not.Contain("1970"), "a checked session is renewed");
    }

    [Test]
    public async Task After_the_interval_a_session_whose_user_is_gone_is_unauthenticated()
    {
        using var browser = new PasskeyBrowser(_host);
        await SignUpAsync(browser, "gone");
        var userId = (await (await browser.Client.GetAsync("/passkeys/account")).ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.That(await _host.Users.DeleteAsync(userId, CancellationToken.None), Is.EqualTo(Stores.PasskeyStoreResult.Success));

        _host.Time.Advance(Interval + TimeSpan.FromSeconds(1));

        Assert.That((await browser.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_current_session_survives_many_intervals()
    {
        var (acting, _) = await TwoSessionsAsync();
        for (var i = 0; i < 6; i++)
        {
            _host.Time.Advance(Interval + TimeSpan.FromSeconds(1));
            Assert.That((await acting.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"interval {i + 1}");
        }

        await AssertSignedInAsync(acting, "after six intervals");
    }

    [Test]
    public async Task With_a_zero_interval_every_request_checks_the_stamp()
    {
        await _host.DisposeAsync();
        _host = await PasskeysTestHost.StartAsync(o => o.SecurityStampValidationInterval = TimeSpan.Zero);
        var (acting, other) = await TwoSessionsAsync();

        using (var response = await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}"))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That((await other.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await acting.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_session_carries_the_stamp_and_a_new_one_after_sign_out_other_sessions()
    {
        var (acting, _) = await TwoSessionsAsync();
        var before = await StampClaimAsync(acting);
        var stored = (await _host.Users.FindByNameAsync("alice", CancellationToken.None))!.SecurityStamp;
        Assert.That(before, Is.EqualTo(stored));

        (await acting.Client.PostJsonAsync("/passkeys/logout-others", "{}")).Dispose();

        var after = await StampClaimAsync(acting);
        var storedAfter = (await _host.Users.FindByNameAsync("alice", CancellationToken.None))!.SecurityStamp;
        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(storedAfter));
            Assert.That(after, Is.Not.EqualTo(before));
        });
    }

    [Test]
    public async Task A_name_or_verified_email_change_in_the_store_ends_every_session_and_a_first_email_does_not()
    {
        var (acting, other) = await TwoSessionsAsync();
        var user = (await _host.Users.FindByNameAsync("alice", CancellationToken.None))!;
        user.Email = "alice@example.com";
        Assert.That(await _host.Users.UpdateAsync(user, CancellationToken.None), Is.EqualTo(Stores.PasskeyStoreResult.Success));
        await AssertSignedInAsync(acting, "a first verified address keeps the acting session");
        await AssertSignedInAsync(other, "and the other");

        user.Email = "alice.new@example.com";
        Assert.That(await _host.Users.UpdateAsync(user, CancellationToken.None), Is.EqualTo(Stores.PasskeyStoreResult.Success));

        await (await acting.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        await (await other.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task Refused_delete_of_the_last_passkey_ends_no_session()
    {
        var (acting, other) = await TwoSessionsAsync();

        using var delete = await acting.Client.DeleteAsync($"/passkeys/credentials/{FirstPasskeyId(acting)}");

        await delete.ReadProblemAsync(409, PasskeyHttpErrorCodes.LastCredential);
        _host.Time.Advance(Interval + TimeSpan.FromSeconds(1));
        await AssertSignedInAsync(other, "the other session");
        await AssertSignedInAsync(acting, "the acting session");
    }

    [Test]
    public void A_negative_or_too_long_interval_fails_at_start_up_with_a_sentence(
        [Values(-1, 86_401)] int seconds)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await PasskeysTestHost.StartAsync(o => o.SecurityStampValidationInterval = TimeSpan.FromSeconds(seconds)));
        Assert.That(failure!.Message, Does.Contain("SecurityStampValidationInterval"));
    }

    private static string FirstPasskeyId(PasskeyBrowser browser) => browser.LastCredentialId!;

    private static async Task SignUpAsync(PasskeyBrowser browser, string userName)
    {
        using var signUp = await browser.SignUpAsync(userName);
        Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signUp.Content.ReadAsStringAsync());
        browser.LastCredentialId = (await browser.ListAsync()).Single()!["id"]!.GetValue<string>();
    }

    // Alice signs up in one browser and signs in with the same passkey in another.
    private async Task<(PasskeyBrowser Acting, PasskeyBrowser Other)> TwoSessionsAsync()
    {
        var acting = new PasskeyBrowser(_host);
        await SignUpAsync(acting, "alice");
        var other = new PasskeyBrowser(_host, authenticator: acting.Authenticator) { LastCredentialId = acting.LastCredentialId };
        using (var login = await other.LoginAsync("alice"))
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        }

        await AssertSignedInAsync(acting, "the first session");
        await AssertSignedInAsync(other, "the second session");
        return (acting, other);
    }

    private async Task<(PasskeyBrowser Acting, PasskeyBrowser Other, SoftwareAuthenticator SecondDevice)> TwoSessionsWithTwoPasskeysAsync()
    {
        var (acting, other) = await TwoSessionsAsync();
        var secondDevice = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        using (var add = await acting.AddPasskeyAsync(secondDevice))
        {
            Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.Created), await add.Content.ReadAsStringAsync());
        }

        return (acting, other, secondDevice);
    }

    private static async Task AssertSignedInAsync(PasskeyBrowser browser, string who)
    {
        using var response = await browser.Client.GetAsync("/passkeys/account");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), who);
    }

    private static async Task<string?> StampClaimAsync(PasskeyBrowser browser)
    {
        using var response = await browser.Client.GetAsync("/test/claims");
        var claims = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return claims.Select(c => c!.AsArray()).FirstOrDefault(c => c[0]!.GetValue<string>() == PasskeysDefaults.SecurityStampClaimType)?[1]!.GetValue<string>();
    }
}
