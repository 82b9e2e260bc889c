using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.Outage;

/// <summary>
/// While the store cannot reach its database, every endpoint that needs it answers 503 <c>store_unavailable</c> with
/// <c>Retry-After</c> (never 500), changes nothing, and ends no session; once it is back, the same requests work.
/// </summary>
public sealed class StoreOutageTests
{
    private const string Secret = "db.internal";

    [Test]
    public async Task Every_endpoint_that_needs_the_store_answers_503_with_retry_after_while_it_is_down_and_nothing_is_lost()
    {
        await using var email = await EmailLoginHost.StartAsync(features: b => OutageStores.Register(b.Services));
        var host = email.Host;
        var stores = host.Services.GetRequiredService<OutageStores>();

        // Everything a request may carry is made while the store is up: a session, a passkey id, a sign-in link, an
        // address to verify, and a ceremony of each kind in progress.
        using var alice = new PasskeyBrowser(host);
        await email.SignUpVerifiedAsync(alice, "alice", "alice@example.com");
        var credentialId = (await alice.ListAsync())[0]!["id"]!.GetValue<string>();
        using var phone = host.CreateClient();
        var linkToken = await email.RequestTokenAsync(phone, "alice@example.com");
        (await (await alice.Client.PostJsonAsync("/passkeys/email", new { email = "new@example.com" })).ReadJsonAsync(202)).ToString();
        var verifyToken = await email.VerificationTokenAsync("new@example.com");
        var signIn = await OptionsThenResponseAsync(alice, "/passkeys/login/options", "{}", o => alice.Authenticator.GetAssertion(o));
        var laptop = new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
        var add = await OptionsThenResponseAsync(alice, "/passkeys/credentials/options", "{}", o => laptop.CreateCredential(o));
        var confirm = await OptionsThenResponseAsync(alice, "/passkeys/reauthenticate/options", "{}", o => alice.Authenticator.GetAssertion(o));
        using var bob = new PasskeyBrowser(host);
        var signUp = await OptionsThenResponseAsync(bob, "/passkeys/register/options", """{"userName":"bob"}""", o => bob.Authenticator.CreateCredential(o));

        stores.IsDown = true;
        var requests = new (string Name, TestClient Client, Func<TestClient, Task<HttpResponseMessage>> Send, bool Verify)[]
        {
            ("register/options", bob.Client, c => c.PostJsonAsync("/passkeys/register/options", new { userName = "carol" }), false),
            ("register", bob.Client, c => c.PostJsonAsync("/passkeys/register", signUp), true),
            ("login/options with a name", bob.Client, c => c.PostJsonAsync("/passkeys/login/options", new { userName = "alice" }), false),
            ("login/options", bob.Client, c => c.PostJsonAsync("/passkeys/login/options", "{}"), false),
            ("login", alice.Client, c => c.PostJsonAsync("/passkeys/login", signIn), true),
            ("account", alice.Client, c => c.GetAsync("/passkeys/account"), false),
            ("credentials/options", alice.Client, c => c.PostJsonAsync("/passkeys/credentials/options", "{}"), false),
            ("credentials", alice.Client, c => c.PostJsonAsync("/passkeys/credentials", add), true),
            ("list credentials", alice.Client, c => c.GetAsync("/passkeys/credentials"), false),
            ("rename credential", alice.Client, c => c.PatchJsonAsync($"/passkeys/credentials/{credentialId}", new { name = "Phone" }), false),
            ("delete credential", alice.Client, c => c.DeleteAsync($"/passkeys/credentials/{credentialId}"), false),
            ("reauthenticate/options", alice.Client, c => c.PostJsonAsync("/passkeys/reauthenticate/options", "{}"), false),
            ("reauthenticate", alice.Client, c => c.PostJsonAsync("/passkeys/reauthenticate", confirm), true),
            ("logout-others", alice.Client, c => c.PostJsonAsync("/passkeys/logout-others", "{}"), false),
            ("delete account", alice.Client, c => c.DeleteAsync("/passkeys/account"), false),
            ("remembered", alice.Client, c => c.GetAsync("/passkeys/remembered"), false),
            ("change email", alice.Client, c => c.PostJsonAsync("/passkeys/email", new { email = "other@example.com" }), false),
            ("resend verification", alice.Client, c => c.PostJsonAsync("/passkeys/email/verify/resend", "{}"), false),
            ("upgrade/options", alice.Client, c => c.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}"), false),
            ("email-login/peek", phone, c => c.PostJsonAsync("/passkeys/email-login/peek", new { token = linkToken }), false),
            ("email-login/confirm", phone, c => c.PostJsonAsync("/passkeys/email-login/confirm", new { token = linkToken }), true),
            ("email/verify/peek", phone, c => c.PostJsonAsync("/passkeys/email/verify/peek", new { token = verifyToken }), false),
            ("email/verify", phone, c => c.PostJsonAsync("/passkeys/email/verify", new { token = verifyToken }), false),
        };
        foreach (var (name, client, send, verify) in requests)
        {
            using var response = await send(client);
            await ExpectUnavailableAsync(response, name, verify, retryAfter: "5");
        }

        Assert.That(stores.Refused, Is.GreaterThanOrEqualTo(requests.Length), "each request met the store");
        stores.IsDown = false;

        // Back up: the session survived, nothing was written, and the same requests work: the link, and the ceremonies
        // whose cookies the refused requests left in place.
        var account = await (await alice.Client.GetAsync("/passkeys/account")).ReadJsonAsync();
        Assert.That(account["passkeyCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(account["email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
        Assert.That(account["pendingEmail"]!.GetValue<string>(), Is.EqualTo("new@example.com"));
        Assert.That(await host.CountAsync("alice", "bob", "carol"), Is.EqualTo((1, 1)));
        (await (await phone.PostJsonAsync("/passkeys/email-login/confirm", new { token = linkToken })).ReadJsonAsync()).ToString();
        (await (await bob.Client.PostJsonAsync("/passkeys/register", signUp)).ReadJsonAsync()).ToString();
        (await (await alice.Client.PostJsonAsync("/passkeys/login", signIn)).ReadJsonAsync()).ToString();
        (await (await alice.Client.PostJsonAsync("/passkeys/credentials", add)).ReadJsonAsync(201)).ToString();
    }

    [Test]
    public async Task Retry_after_is_the_configured_number_of_whole_seconds()
    {
        await using var host = await PasskeysTestHost.StartAsync(
            o => o.StoreUnavailableRetryAfter = TimeSpan.FromSeconds(89.2), features: b => OutageStores.Register(b.Services));
        host.Services.GetRequiredService<OutageStores>().IsDown = true;
        using var client = host.CreateClient();

        using var response = await client.PostJsonAsync("/passkeys/register/options", new { userName = "dave" });

        await ExpectUnavailableAsync(response, "register/options", verify: false, retryAfter: "90");
    }

    [Test]
    public async Task A_session_due_for_its_stamp_check_is_kept_while_the_store_is_down_and_checked_once_it_is_back()
    {
        await using var host = await PasskeysTestHost.StartAsync(features: b => OutageStores.Register(b.Services));
        var stores = host.Services.GetRequiredService<OutageStores>();
        using var browser = new PasskeyBrowser(host);
        using (var signUp = await browser.SignUpAsync("erin"))
        {
            Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        host.Time.Advance(host.Services.GetRequiredService<IOptions<PasskeyHttpOptions>>().Value.SecurityStampValidationInterval + TimeSpan.FromSeconds(1));
        stores.IsDown = true;
        using (var during = await browser.Client.GetAsync("/test/claims"))
        {
            Assert.That(during.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a database restart signs nobody out");
            Assert.That(browser.Client.LastSetCookies, Is.Empty, "the ticket is neither renewed nor deleted");
        }

        var refused = stores.Refused;
        stores.IsDown = false;
        using var after = await browser.Client.GetAsync("/test/claims");

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused, Is.EqualTo(1), "the check was tried while down");
        Assert.That(browser.Client.SetCookie("__Host-.Passkeys.Session"), Is.Not.Null.And.Not.Contain("1970"), "checked once back, and renewed");
    }

    [Test]
    public void A_retry_after_out_of_range_fails_at_start_up_with_a_sentence([Values(0, 601)] int seconds)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await PasskeysTestHost.StartAsync(o => o.StoreUnavailableRetryAfter = TimeSpan.FromSeconds(seconds)));
        Assert.That(failure!.Message, Does.Contain("StoreUnavailableRetryAfter"));
    }

    // Starts a ceremony while the store is up and returns the authenticator's response to it, to be sent later.
    private static async Task<string> OptionsThenResponseAsync(PasskeyBrowser browser, string path, string body, Func<string, string> respond)
    {
        using var options = await browser.Client.PostJsonAsync(path, body);
        var text = await options.Content.ReadAsStringAsync();
        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {text}");
        return respond(text);
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response, string name, bool verify, string retryAfter)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(503), $"{name}: {text}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), name);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.That(body["code"]?.GetValue<string>(), Is.EqualTo(PasskeyHttpErrorCodes.StoreUnavailable), name);
        Assert.That(response.Headers.RetryAfter?.ToString(), Is.EqualTo(retryAfter), name);
        Assert.That(body["verified"]?.GetValue<bool>(), verify ? Is.False : Is.Null, $"{name}: verified: false only from a verify endpoint");
        Assert.That(text, Does.Not.Contain(Secret).And.Not.Contain("Exception"), $"{name}: nothing of the failure is told");
    }
}
