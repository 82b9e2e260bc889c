using System.Buffers.Text;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.AspNetCore.Tests.StepUp;
using Passkeys.Engine.FastPath;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.AccountDeletion;

/// <summary>
/// <c>DELETE /passkeys/account</c>: with a recent passkey ceremony, the user and all their passkeys are deleted, every
/// session of theirs ends, the engine forgets their keys, this browser is signed out and forgets the user, and
/// <see cref="PasskeyEvents.OnAccountDeleted"/> is raised; without one, nothing changes.
/// </summary>
public class AccountDeletionTests
{
    internal const string RememberedCookie = "__Host-.Passkeys.User";

    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp() => _email = await EmailLoginHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    [Test]
    public async Task Without_a_recent_passkey_deleting_the_account_is_refused_and_nothing_changes_until_the_user_confirms()
    {
        using var acting = await SignUpAsync("alice");
        using var other = await SignInElsewhereAsync(acting, "alice");
        Host.Time.Advance(StepUpTests.BeyondWindow);

        using (var refused = await acting.Client.DeleteAsync("/passkeys/account"))
        {
            await refused.ReadProblemAsync(401, PasskeyHttpErrorCodes.ReauthenticationRequired);
        }

        Assert.That(await Host.CountAsync("alice"), Is.EqualTo((1, 1)), "nothing deleted");
        Assert.That(Host.Events, Has.None.StartsWith("OnAccountDeleted"));
        Assert.That((await acting.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still signed in");
        Assert.That((await other.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "no session ended");

        // What passkeys.js does: confirm with a passkey, then send the same request again.
        (await acting.ReauthenticateAsync()).Dispose();
        using var deleted = await acting.Client.DeleteAsync("/passkeys/account");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        Assert.That(await Host.CountAsync("alice"), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Deleting_the_account_deletes_the_user_and_every_passkey_and_ends_every_session()
    {
        using var acting = await SignUpAsync("alice", "alice@example.com");
        var secondDevice = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        (await acting.AddPasskeyAsync(secondDevice)).Dispose();
        using var other = await SignInElsewhereAsync(acting, "alice");
        var user = (await Host.Users.FindByNameAsync("alice", CancellationToken.None))!;
        var passkeyIds = (await Host.Credentials.ListByUserAsync(user.Id, CancellationToken.None)).Select(c => c.CredentialId).ToList();
        var cache = Host.Services.GetRequiredService<PublicKeyCache>();
        Assert.That(cache.Count, Is.EqualTo(1), "the other session's sign-in cached a key");

        using var deleted = await acting.Client.DeleteAsync("/passkeys/account");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await Host.Users.FindByIdAsync(user.Id, CancellationToken.None), Is.Null, "user by id");
            Assert.That(await Host.Users.FindByNameAsync("alice", CancellationToken.None), Is.Null, "user by name");
            Assert.That(await Host.Users.FindByEmailAsync("alice@example.com", CancellationToken.None), Is.Null, "user by email");
            Assert.That(await Host.Users.FindByUserHandleAsync(user.UserHandle, CancellationToken.None), Is.Null, "user by handle");
            Assert.That(await Host.Credentials.ListByUserAsync(user.Id, CancellationToken.None), Is.Empty, "passkeys of the user");
            foreach (var id in passkeyIds)
            {
                Assert.That(await Host.Credentials.FindByIdAsync(id, CancellationToken.None), Is.Null, "passkey by id");
            }

            Assert.That(cache.Count, Is.Zero, "the engine forgot the cached keys");
            Assert.That(Host.Events, Does.Contain("OnAccountDeleted:alice:2"));
            Assert.That(Host.Events.Count(e => e.StartsWith("OnAccountDeleted", StringComparison.Ordinal)), Is.EqualTo(1));
        });

        // This browser: signed out and no longer remembering the user, in the same response.
        Assert.That(acting.Client.SetCookie(StepUpTests.SessionCookie), Is.Not.Null.And.Contain("expires=Thu, 01 Jan 1970"), "session cookie deleted");
        Assert.That(acting.Client.SetCookie(RememberedCookie), Is.Not.Null.And.Contain("expires=Thu, 01 Jan 1970"), "remembered-user cookie deleted");
        Assert.That(acting.Client.Cookie(RememberedCookie), Is.Null);
        Assert.That((await acting.Client.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await acting.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);

        // The other session: its next request to delete the account is refused, and it is signed out.
        await (await other.Client.DeleteAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(other.Client.SetCookie(StepUpTests.SessionCookie), Is.Not.Null.And.Contain("expires=Thu, 01 Jan 1970"), "the other session's cookie deleted");
        Assert.That((await other.Client.GetAsync("/test/claims")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // The name and address are free again, for a new account that has nothing of the old one.
        using var again = await SignUpAsync("alice", "alice@example.com");
        var newUser = (await Host.Users.FindByNameAsync("alice", CancellationToken.None))!;
        Assert.That(newUser.Id, Is.Not.EqualTo(user.Id));
        Assert.That(await Host.Credentials.ListByUserAsync(newUser.Id, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_sessions_end_before_the_account_goes_so_a_failed_delete_leaves_the_whole_account_for_its_passkey()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b => b.Services.Replace(
            ServiceDescriptor.Singleton<IPasskeyUserStore>(sp => new FailingDeleteUserStore(sp.GetRequiredService<InMemoryPasskeyStore>()))));
        using var acting = new PasskeyBrowser(host);
        (await acting.SignUpAsync("alice")).Dispose();
        using var other = new PasskeyBrowser(host, authenticator: acting.Authenticator);
        (await other.LoginAsync("alice")).Dispose();

        try
        {
            using var failed = await acting.Client.DeleteAsync("/passkeys/account");
            Assert.That((int)failed.StatusCode, Is.EqualTo(500), "the store failed: a server error");
        }
        catch (InvalidOperationException e) when (e.Message == FailingDeleteUserStore.Message)
        {
            // The test server hands the app's exception to the client when no exception page answers it.
        }

        Assert.That(await host.CountAsync("alice"), Is.EqualTo((1, 1)), "the whole account is still there");
        Assert.That(host.Events, Has.None.StartsWith("OnAccountDeleted"));
        await (await other.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        await (await acting.Client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        using var login = await acting.LoginAsync();
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the passkey still signs in, to try again");
    }

    [Test]
    public async Task A_deleted_users_passkey_no_longer_signs_in_and_is_refused_like_an_unknown_one()
    {
        using var acting = await SignUpAsync("alice");
        using var stranger = await SignUpAsync("oscar");
        (await acting.Client.DeleteAsync("/passkeys/account")).Dispose();
        var aliceKey = acting.Authenticator.Credentials[0].Id;

        using var browser = new PasskeyBrowser(Host, authenticator: acting.Authenticator);
        using (var discoverable = await browser.LoginAsync())
        {
            // The passkey's provider may forget it: the definite answer, as for any passkey not registered here.
            var problem = await discoverable.ReadProblemAsync(401, PasskeyErrorCodes.CredentialNotRegistered);
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        }

        // By name: the options are those of any unknown name (decoys), and the deleted passkey fails like any other.
        using var forDeleted = await browser.LoginAsync("alice", credentialId: aliceKey);
        using var forNobody = await browser.LoginAsync("nobody", credentialId: aliceKey);
        Assert.That((int)forDeleted.StatusCode, Is.EqualTo(401), await forDeleted.Content.ReadAsStringAsync());
        Assert.That(await CodeAsync(forDeleted), Is.EqualTo(await CodeAsync(forNobody)));
        Assert.That(browser.Client.Cookie(StepUpTests.SessionCookie), Is.Null, "nobody signed in");
        Assert.That(await Host.CountAsync("oscar"), Is.EqualTo((1, 1)), "another account is untouched");
    }

    [Test]
    public async Task A_sign_in_link_issued_before_the_deletion_no_longer_signs_in()
    {
        using var acting = await SignUpAsync("alice", "alice@example.com");
        using var elsewhere = Host.CreateClient();
        var token = await _email.RequestTokenAsync(elsewhere, "alice@example.com");

        (await acting.Client.DeleteAsync("/passkeys/account")).Dispose();

        await (await _email.PeekAsync(elsewhere, token)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        await (await _email.ConfirmAsync(elsewhere, token)).ReadProblemAsync(400, PasskeyHttpErrorCodes.TokenInvalid);
        Assert.That(elsewhere.Cookie(StepUpTests.SessionCookie), Is.Null, "nobody signed in");
        Assert.That(Host.Events, Has.None.StartsWith("OnEmailSignedIn"));
    }

    [Test]
    public async Task Signed_out_deleting_the_account_is_401_not_authenticated()
    {
        using var acting = await SignUpAsync("alice");
        using var stranger = Host.CreateClient();

        await (await stranger.DeleteAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);

        (await acting.Client.PostJsonAsync("/passkeys/logout", "{}")).Dispose();
        await (await acting.Client.DeleteAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(await Host.CountAsync("alice"), Is.EqualTo((1, 1)));
    }

    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Origin", "https://evil.example")]
    [TestCase("Origin", "null")]
    public async Task A_cross_site_request_to_delete_the_account_is_refused_with_403_and_nothing_changes(string header, string value)
    {
        using var acting = await SignUpAsync("alice");
        acting.Client.Origin = null;

        using var refused = await acting.Client.SendAsync(HttpMethod.Delete, "/passkeys/account", null, r => r.Headers.Add(header, value));

        await refused.ReadProblemAsync(403, PasskeyHttpErrorCodes.CrossSiteRequest);
        Assert.That(await Host.CountAsync("alice"), Is.EqualTo((1, 1)));
        Assert.That((await acting.Client.GetAsync("/passkeys/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still signed in");
    }

    [Test]
    public async Task Two_sessions_deleting_the_account_at_once_delete_it_once_and_the_other_is_401()
    {
        for (var round = 0; round < 10; round++)
        {
            var name = $"racer{round}";
            using var first = await SignUpAsync(name);
            using var second = await SignInElsewhereAsync(first, name);

            var responses = await Task.WhenAll(first.Client.DeleteAsync("/passkeys/account"), second.Client.DeleteAsync("/passkeys/account"));

            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.That(statuses, Is.EqualTo(new[] { 204, 401 }), $"round {round}");
            await responses.Single(r => (int)r.StatusCode == 401).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
            Assert.That(Host.Events.Count(e => e.StartsWith($"OnAccountDeleted:{name}:", StringComparison.Ordinal)), Is.EqualTo(1), $"round {round}");
            Assert.That(await Host.CountAsync(name), Is.EqualTo((0, 0)));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task Every_request_of_another_session_after_the_deletion_is_401_and_never_a_500()
    {
        using var acting = await SignUpAsync("alice");
        using var other = await SignInElsewhereAsync(acting, "alice");
        var id = Base64Url.EncodeToString(acting.Authenticator.Credentials[0].Id);
        (await acting.Client.DeleteAsync("/passkeys/account")).Dispose();

        var requests = new Func<TestClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync("/passkeys/account"),
            c => c.GetAsync("/passkeys/credentials"),
            c => c.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = "x" }),
            c => c.DeleteAsync($"/passkeys/credentials/{id}"),
            c => c.PostJsonAsync("/passkeys/credentials/options", "{}"),
            c => c.PostJsonAsync("/passkeys/reauthenticate/options", "{}"),
            c => c.PostJsonAsync("/passkeys/logout-others", "{}"),
            c => c.DeleteAsync("/passkeys/account"),
        };
        foreach (var request in requests)
        {
            using var client = Host.CreateClient();
            client.Cookies.Add(other.Client.Cookies.GetAllCookies());
            using var response = await request(client);
            await response.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        }
    }

    [Test]
    public async Task The_log_names_the_user_by_id_and_no_secret()
    {
        using var acting = await SignUpAsync("alice", "alice@example.com");
        var user = (await Host.Users.FindByNameAsync("alice", CancellationToken.None))!;
        var session = acting.Client.Cookie(StepUpTests.SessionCookie)!;

        (await acting.Client.DeleteAsync("/passkeys/account")).Dispose();

        var lines = _email.Logs.Lines.ToArray();
        Assert.That(lines, Has.Some.Contains($"User {user.Id} deleted their account and its 1 passkeys."));
        Assert.That(lines, Has.Some.Contains($"User {user.Id} ended all their sessions."));
        Assert.That(string.Join("\n", lines), Does.Not.Contain(session).And.Not.Contain(user.SecurityStamp)
            .And.Not.Contain(Base64Url.EncodeToString(acting.Authenticator.Credentials[0].Id)));
    }

    private async Task<PasskeyBrowser> SignUpAsync(string userName, string? email = null)
    {
        var browser = new PasskeyBrowser(Host);
        if (email is not null)
        {
            // Links and notices go to verified addresses only: follow the verification link as the owner would.
            await _email.SignUpVerifiedAsync(browser, userName, email);
            return browser;
        }

        using var signUp = await browser.SignUpAsync(userName, email);
        await signUp.ReadJsonAsync();
        return browser;
    }

    // Another browser of the same person, signed in with the same passkey: a second session of the user.
    private async Task<PasskeyBrowser> SignInElsewhereAsync(PasskeyBrowser first, string userName)
    {
        var browser = new PasskeyBrowser(Host, authenticator: first.Authenticator);
        using var login = await browser.LoginAsync(userName);
        await login.ReadJsonAsync();
        return browser;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
        => System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
}
