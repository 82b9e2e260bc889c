using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.AspNetCore.Tests.ReturnUrls;

namespace Passkeys.AspNetCore.Tests;

public class JourneyTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task The_whole_seed_journey_works_end_to_end()
    {
        using var browser = new PasskeyBrowser(_host);
        var client = browser.Client;

        // Sign up: signed in and remembered at once.
        using (var signUp = await browser.SignUpAsync("alice", "alice@example.com", "Alice", "?returnUrl=%2Fprofile"))
        {
            var body = await signUp.ReadJsonAsync();
            Assert.That(body["verified"]!.GetValue<bool>(), Is.True);
            Assert.That(body["next"]!.GetValue<string>(), Is.EqualTo("/profile"));
        }

        // Profile.
        var account = await (await client.GetAsync("/passkeys/account")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(account["userName"]!.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(account["displayName"]!.GetValue<string>(), Is.EqualTo("Alice"));
            Assert.That(account["email"], Is.Null, "an address is the account's email only once verified");
            Assert.That(account["emailVerified"]!.GetValue<bool>(), Is.False);
            Assert.That(account["pendingEmail"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
            Assert.That(account["passkeyCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(account["id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(account["rpId"]!.GetValue<string>(), Is.EqualTo("localhost"));
        });

        // Logout: signed out, still remembered.
        using (var logout = await client.PostJsonAsync("/passkeys/logout", "{}"))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await client.GetAsync("/passkeys/account")).ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        var remembered = await (await client.GetAsync("/passkeys/remembered")).ReadJsonAsync();
        Assert.That(remembered["userName"]!.GetValue<string>(), Is.EqualTo("alice"));
        Assert.That(remembered["displayName"]!.GetValue<string>(), Is.EqualTo("Alice"));

        // Login by name, case-insensitively, and by email once verified (here the app marks it, as after its own check).
        await _host.VerifyEmailAsync("alice");
        await LoginSucceedsAsync(browser, "ALICE", "/home");
        await LoginSucceedsAsync(browser, "alice@example.com", "/home");

        // Login without a name (discoverable, also what autofill does), with next as the alias of returnUrl.
        await client.PostJsonAsync("/passkeys/logout", "{}");
        await LoginSucceedsAsync(browser, null, "/after", "?next=%2Fafter");

        // Add a second passkey: the options exclude the first one, so this device cannot register twice.
        Assert.That(async () => await browser.AddPasskeyAsync(), Throws.InvalidOperationException.With.Message.Contains("InvalidStateError"));
        var phone = new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        using (var added = await browser.AddPasskeyAsync(phone))
        {
            var excluded = JsonNode.Parse(browser.LastOptions!)!["excludeCredentials"]!.AsArray();
            Assert.That(excluded, Has.Count.EqualTo(1));
            var body = await added.ReadJsonAsync(201);
            Assert.That(body["verified"]!.GetValue<bool>(), Is.True);
            Assert.That(added.Headers.Location?.ToString(), Does.StartWith("/passkeys/credentials/"));
        }

        // List, rename, delete, refuse to delete the last one.
        var list = await browser.ListAsync();
        Assert.That(list, Has.Count.EqualTo(2));
        var first = list[0]!["id"]!.GetValue<string>();
        var second = list[1]!["id"]!.GetValue<string>();
        Assert.That(list[0]!["transports"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EquivalentTo(new[] { "internal", "hybrid" }));
        Assert.That(list[0]!["lastUsedAt"], Is.Not.Null);
        Assert.That(list[1]!["lastUsedAt"], Is.Null);

        var renamed = await (await client.PatchJsonAsync($"/passkeys/credentials/{second}", new { name = "  Laptop  " })).ReadJsonAsync();
        Assert.That(renamed["name"]!.GetValue<string>(), Is.EqualTo("Laptop"));
        Assert.That((await browser.ListAsync())[1]!["name"]!.GetValue<string>(), Is.EqualTo("Laptop"));

        using (var deleted = await client.DeleteAsync($"/passkeys/credentials/{second}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await client.DeleteAsync($"/passkeys/credentials/{first}")).ReadProblemAsync(409, PasskeyHttpErrorCodes.LastCredential);
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1));

        // Switch user: forgotten.
        using (var forget = await client.DeleteAsync("/passkeys/remembered"))
        {
            Assert.That(forget.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var none = await client.GetAsync("/passkeys/remembered");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(_host.Events, Is.EqualTo(new[]
        {
            "OnUserCreated:alice", "OnSignedIn:alice", "OnSignedIn:alice", "OnSignedIn:alice", "OnSignedIn:alice",
            "OnCredentialAdded:alice", "OnCredentialDeleted:alice", "OnFailure:delete-credential:last_credential",
        }));
    }

    [Test]
    public async Task Sign_up_sets_session_and_remembered_cookies_with_safe_flags()
    {
        using var browser = new PasskeyBrowser(_host);
        using var signUp = await browser.SignUpAsync("bob");
        Assert.That((int)signUp.StatusCode, Is.EqualTo(200));

        var remembered = browser.Client.SetCookie("__Host-.Passkeys.User");
        var session = browser.Client.SetCookie("__Host-.Passkeys.Session");
        var ceremony = browser.Client.SetCookie("__Host-.Passkeys.Ceremony.reg");
        Assert.Multiple(() =>
        {
            Assert.That(remembered, Does.Contain("httponly").IgnoreCase);
            Assert.That(remembered, Does.Contain("samesite=strict").IgnoreCase);
            Assert.That(remembered, Does.Contain("secure").IgnoreCase);
            Assert.That(remembered, Does.Contain("max-age=2592000").IgnoreCase);
            Assert.That(remembered, Does.Not.Contain("bob"), "the remembered cookie is data-protected");
            Assert.That(session, Does.Contain("httponly").IgnoreCase);
            Assert.That(session, Does.Contain("secure").IgnoreCase);
            Assert.That(ceremony, Does.Contain("expires=Thu, 01 Jan 1970").IgnoreCase, "the ceremony cookie is deleted once completed");
        });
    }

    [Test]
    public async Task Sign_in_carries_user_id_name_verified_email_and_amr_claims()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("carol", "carol@example.com")).Dispose();
        Assert.That(await ClaimTypesAsync(browser), Does.Not.Contain(ClaimTypes.Email).And.Not.Contain("email_verified"), "an unverified address is no claim");
        var user = await _host.VerifyEmailAsync("carol");
        (await browser.LoginAsync("carol")).Dispose();

        var claims = JsonNode.Parse(await (await browser.Client.GetAsync("/test/claims")).Content.ReadAsStringAsync())!.AsArray()
            .Select(c => (c![0]!.GetValue<string>(), c[1]!.GetValue<string>())).ToArray();
        Assert.That(claims, Is.SupersetOf(new[]
        {
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", user!.Id),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "carol"),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "carol@example.com"),
            ("email_verified", "true"),
            ("amr", "passkey"),
        }));
    }

    private static async Task<string[]> ClaimTypesAsync(PasskeyBrowser browser)
        => JsonNode.Parse(await (await browser.Client.GetAsync("/test/claims")).Content.ReadAsStringAsync())!.AsArray()
            .Select(c => c![0]!.GetValue<string>()).ToArray();

    [Test]
    public async Task Remembered_user_expires_after_30_days()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("dave")).Dispose();
        _host.Time.Advance(TimeSpan.FromDays(29));
        Assert.That((await browser.Client.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _host.Time.Advance(TimeSpan.FromDays(2));
        Assert.That((await browser.Client.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Unsafe_return_urls_fall_back_to_the_default_on_the_wire()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("erin")).Dispose();
        // The reported payloads and every tenth of the corpus: each is a whole sign-in.
        foreach (var payload in ReturnUrlCorpus.Reported.Concat(ReturnUrlCorpus.Unsafe.Where((p, i) => i % 10 == 0 && p.Length is > 0 and < 100)))
        {
            await LoginSucceedsAsync(browser, "erin", "/home", "?returnUrl=" + Uri.EscapeDataString(payload));
        }
    }

    private static async Task LoginSucceedsAsync(PasskeyBrowser browser, string? userName, string expectedNext, string query = "")
    {
        using var login = await browser.LoginAsync(userName, query);
        var body = await login.ReadJsonAsync();
        Assert.That(body["verified"]!.GetValue<bool>(), Is.True);
        Assert.That(body["next"]!.GetValue<string>(), Is.EqualTo(expectedNext));
        var remembered = browser.Client.SetCookie("__Host-.Passkeys.User");
        Assert.That(remembered, Does.Contain("samesite=strict").IgnoreCase);
    }
}
