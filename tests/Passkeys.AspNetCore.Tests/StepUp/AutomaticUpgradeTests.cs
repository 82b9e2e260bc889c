using System.Net;
using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests.StepUp;

/// <summary>
/// The automatic passkey upgrade over HTTP: right after a sign-in with an emailed link, the browser's password manager
/// may create a passkey without asking (UP=0, UV=0), and <c>POST credentials/upgrade</c> adds it; nobody else may.
/// </summary>
public class AutomaticUpgradeTests
{
    private const string Alice = "alice@example.com";

    private EmailLoginHost _email = null!;

    private PasskeysTestHost Host => _email.Host;

    [SetUp]
    public async Task SetUp()
    {
        _email = await EmailLoginHost.StartAsync();
        await Host.SeedUserAsync("alice", Alice);
        Host.Time.Advance(TimeSpan.FromMilliseconds(1));
    }

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    [Test]
    public async Task Right_after_a_link_sign_in_a_passkey_made_without_asking_is_added_and_signs_in_later()
    {
        using var browser = await SignInByLinkAsync();
        var manager = Silent();

        using var added = await UpgradeAsync(browser, manager);

        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await added.Content.ReadAsStringAsync())!["credential"]!["id"]!.GetValue<string>();
        Assert.That(added.Headers.Location?.OriginalString, Is.EqualTo($"/passkeys/credentials/{id}"));
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));

        manager.UserPresent = manager.UserVerified = true;
        using var later = new PasskeyBrowser(Host, authenticator: manager);
        using var signIn = await later.LoginAsync("alice");
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signIn.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_passkey_session_is_not_offered_the_upgrade_however_recent()
    {
        using var browser = new PasskeyBrowser(Host);
        using (var signUp = await browser.SignUpAsync("bob")) { Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.OK)); }

        using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}");

        await options.ReadProblemAsync(403, PasskeyHttpErrorCodes.UpgradeNotOffered);
    }

    [Test]
    public async Task Nobody_signed_in_gets_no_options()
    {
        using var browser = new PasskeyBrowser(Host);

        using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}");

        await options.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
    }

    [Test]
    public async Task The_upgrade_is_offered_once_per_link_and_within_the_window_only()
    {
        using var browser = await SignInByLinkAsync();
        (await UpgradeAsync(browser, Silent())).Dispose();

        using (var second = await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}"))
        {
            await second.ReadProblemAsync(403, PasskeyHttpErrorCodes.UpgradeNotOffered);
        }

        Host.Time.Advance(TimeSpan.FromSeconds(1));
        using var late = await SignInByLinkAsync();
        Host.Time.Advance(StepUpTests.BeyondWindow);
        using (var tooLate = await late.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}"))
        {
            await tooLate.ReadProblemAsync(403, PasskeyHttpErrorCodes.UpgradeNotOffered);
        }

        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_ordinary_add_still_needs_presence_from_a_link_session()
    {
        using var browser = await SignInByLinkAsync();

        using var refused = await browser.AddPasskeyAsync(Silent());

        await refused.ReadProblemAsync(400, PasskeyErrorCodes.UserPresenceRequired);
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Upgrade_options_complete_only_at_the_upgrade_endpoint()
    {
        // The ordinary add endpoint reads its own ceremony cookie: options for the upgrade give it nothing to take.
        using var browser = await SignInByLinkAsync();
        using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}");
        var response = Silent().CreateCredential(await options.Content.ReadAsStringAsync());

        using var atAdd = await browser.Client.PostJsonAsync("/passkeys/credentials", response);

        Assert.That((int)atAdd.StatusCode, Is.EqualTo(400), await atAdd.Content.ReadAsStringAsync());
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Upgrades_sent_together_from_one_link_session_store_one_passkey()
    {
        // The outside review's race: ceremonies begun in copies of the session (each its own ceremony cookie), then
        // every response sent at once. "One passkey per link" is checked and stored inside one gate per user.
        using var browser = await SignInByLinkAsync();
        var copies = Enumerable.Range(0, 8).Select(_ => Copy(browser)).ToList();
        var responses = new List<string>();
        foreach (var copy in copies)
        {
            using var options = await copy.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}");
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), await options.Content.ReadAsStringAsync());
            responses.Add(Silent().CreateCredential(await options.Content.ReadAsStringAsync()));
        }

        var results = await Task.WhenAll(copies.Select((copy, i) => copy.Client.PostJsonAsync("/passkeys/credentials/upgrade", responses[i])));

        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(results.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => (int)r.StatusCode), Is.All.EqualTo(403));
        Assert.That(await browser.ListAsync(), Has.Count.EqualTo(2));
        foreach (var disposable in results.Cast<IDisposable>().Concat(copies))
        {
            disposable.Dispose();
        }
    }

    private PasskeyBrowser Copy(PasskeyBrowser browser)
    {
        var copy = new PasskeyBrowser(Host);
        copy.Client.Cookies.Add(browser.Client.Cookies.GetCookies(browser.Client.BaseAddress));
        return copy;
    }

    private Task<PasskeyBrowser> SignInByLinkAsync() => _email.SignInByLinkAsync(Alice);

    private static async Task<HttpResponseMessage> UpgradeAsync(PasskeyBrowser browser, SoftwareAuthenticator manager)
    {
        using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade/options", "{}");
        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), await options.Content.ReadAsStringAsync());
        return await browser.Client.PostJsonAsync("/passkeys/credentials/upgrade", manager.CreateCredential(await options.Content.ReadAsStringAsync()));
    }

    private static SoftwareAuthenticator Silent() => new() { Origin = PasskeysTestHost.Origin, UserPresent = false, UserVerified = false };
}
