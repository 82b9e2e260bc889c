using System.Net;
using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Testing;

namespace Passkeys.AspNetCore.Tests;

public class CeremonyTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Replayed_registration_is_rejected_and_stores_nothing_more()
    {
        using var browser = new PasskeyBrowser(_host);
        var ceremonyCookie = await StartRegistrationAsync(browser, "frank");
        var response = browser.Authenticator.CreateCredential(browser.LastOptions!);
        Assert.That((int)(await browser.Client.PostJsonAsync("/passkeys/register", response)).StatusCode, Is.EqualTo(200));

        // Again with no cookie (it was deleted), then with the old cookie put back.
        var problem = await (await browser.Client.PostJsonAsync("/passkeys/register", response)).ReadProblemAsync(400, PasskeyErrorCodes.ChallengeNotFound);
        Assert.That(problem["verified"]!.GetValue<bool>(), Is.False);
        browser.Client.Cookies.Add(new Uri(PasskeysTestHost.Origin), new Cookie("__Host-.Passkeys.Ceremony.reg", ceremonyCookie));
        await (await browser.Client.PostJsonAsync("/passkeys/register", response)).ReadProblemAsync(400, PasskeyErrorCodes.ChallengeNotFound);
        Assert.That(await _host.CountAsync("frank"), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Replayed_assertion_is_rejected()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("grace")).Dispose();
        using var options = await browser.Client.PostJsonAsync("/passkeys/login/options", "{}");
        var ceremonyCookie = browser.Client.Cookie("__Host-.Passkeys.Ceremony.auth")!;
        var assertion = browser.Authenticator.GetAssertion(await options.Content.ReadAsStringAsync());
        Assert.That((int)(await browser.Client.PostJsonAsync("/passkeys/login", assertion)).StatusCode, Is.EqualTo(200));

        browser.Client.Cookies.Add(new Uri(PasskeysTestHost.Origin), new Cookie("__Host-.Passkeys.Ceremony.auth", ceremonyCookie));
        var problem = await (await browser.Client.PostJsonAsync("/passkeys/login", assertion)).ReadProblemAsync(401, PasskeyErrorCodes.ChallengeNotFound);
        Assert.That(problem["verified"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Completed_ceremony_cannot_be_completed_again_with_a_fresh_assertion()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("heidi")).Dispose();
        using var options = await browser.Client.PostJsonAsync("/passkeys/login/options", "{}");
        var optionsJson = await options.Content.ReadAsStringAsync();
        var ceremonyCookie = browser.Client.Cookie("__Host-.Passkeys.Ceremony.auth")!;
        Assert.That((int)(await browser.Client.PostJsonAsync("/passkeys/login", browser.Authenticator.GetAssertion(optionsJson))).StatusCode, Is.EqualTo(200));

        browser.Client.Cookies.Add(new Uri(PasskeysTestHost.Origin), new Cookie("__Host-.Passkeys.Ceremony.auth", ceremonyCookie));
        await (await browser.Client.PostJsonAsync("/passkeys/login", browser.Authenticator.GetAssertion(optionsJson))).ReadProblemAsync(401, PasskeyErrorCodes.ChallengeNotFound);
    }

    [Test]
    public async Task Expired_ceremony_is_rejected()
    {
        using var browser = new PasskeyBrowser(_host);
        await StartRegistrationAsync(browser, "ivan");
        var response = browser.Authenticator.CreateCredential(browser.LastOptions!);
        _host.Time.Advance(TimeSpan.FromMinutes(6));
        await (await browser.Client.PostJsonAsync("/passkeys/register", response)).ReadProblemAsync(400, PasskeyErrorCodes.ChallengeNotFound);
        Assert.That(await _host.CountAsync("ivan"), Is.EqualTo((0, 0)));
        Assert.That(_host.Events, Is.EqualTo(new[] { "OnFailure:register:challenge_not_found" }));
    }

    [Test]
    public async Task Ceremony_cookie_is_httponly_strict_and_short_lived()
    {
        using var browser = new PasskeyBrowser(_host);
        await StartRegistrationAsync(browser, "judy");
        var cookie = browser.Client.SetCookie("__Host-.Passkeys.Ceremony.reg")!;
        Assert.Multiple(() =>
        {
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase);
            Assert.That(cookie, Does.Contain("samesite=strict").IgnoreCase);
            Assert.That(cookie, Does.Contain("secure").IgnoreCase);
            var expires = DateTimeOffset.Parse(cookie.Split("expires=", StringSplitOptions.None)[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(expires - _host.Time.GetUtcNow(), Is.LessThanOrEqualTo(TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    public async Task Response_for_another_ceremony_type_is_rejected()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("ken")).Dispose();

        // A registration ceremony's id presented as a sign-in ceremony.
        await StartRegistrationAsync(browser, "ken2");
        var registrationId = browser.Client.Cookie("__Host-.Passkeys.Ceremony.reg")!;
        using var options = await browser.Client.PostJsonAsync("/passkeys/login/options", "{}");
        var assertion = browser.Authenticator.GetAssertion(await options.Content.ReadAsStringAsync());
        browser.Client.Cookies.Add(new Uri(PasskeysTestHost.Origin), new Cookie("__Host-.Passkeys.Ceremony.auth", registrationId));
        await (await browser.Client.PostJsonAsync("/passkeys/login", assertion)).ReadProblemAsync(401, PasskeyErrorCodes.CeremonyMismatch);

        // A registration response posted to the sign-in endpoint.
        using var loginOptions = await browser.Client.PostJsonAsync("/passkeys/login/options", "{}");
        await StartRegistrationAsync(browser, "ken3");
        var attestation = browser.Authenticator.CreateCredential(browser.LastOptions!);
        using var wrongType = await browser.Client.PostJsonAsync("/passkeys/login", attestation);
        Assert.That((int)wrongType.StatusCode, Is.EqualTo(401));
        Assert.That(await _host.CountAsync("ken2", "ken3"), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Another_users_credential_id_in_patch_and_delete_is_404()
    {
        using var mallory = new PasskeyBrowser(_host);
        using var victim = new PasskeyBrowser(_host);
        (await mallory.SignUpAsync("mallory")).Dispose();
        (await victim.SignUpAsync("victim")).Dispose();
        var victimId = (await victim.ListAsync())[0]!["id"]!.GetValue<string>();

        await (await mallory.Client.PatchJsonAsync($"/passkeys/credentials/{victimId}", new { name = "pwned" })).ReadProblemAsync(404, PasskeyHttpErrorCodes.CredentialNotFound);
        await (await mallory.Client.DeleteAsync($"/passkeys/credentials/{victimId}")).ReadProblemAsync(404, PasskeyHttpErrorCodes.CredentialNotFound);
        await (await mallory.Client.DeleteAsync("/passkeys/credentials/not-base64!")).ReadProblemAsync(404, PasskeyHttpErrorCodes.CredentialNotFound);
        await (await mallory.Client.PatchJsonAsync("/passkeys/credentials/AAAA", new { name = "x" })).ReadProblemAsync(404, PasskeyHttpErrorCodes.CredentialNotFound);

        var list = await victim.ListAsync();
        Assert.That(list, Has.Count.EqualTo(1));
        Assert.That(list[0]!["name"], Is.Null);
    }

    [Test]
    public async Task Rename_refuses_a_bad_name()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("liam")).Dispose();
        var id = (await browser.ListAsync())[0]!["id"]!.GetValue<string>();
        await (await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = new string('x', 101) })).ReadProblemAsync(400, PasskeyHttpErrorCodes.InvalidCredentialName);
        await (await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = "a\u0007b" })).ReadProblemAsync(400, PasskeyHttpErrorCodes.InvalidCredentialName);
        await (await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = 42 })).ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
        var cleared = await (await browser.Client.PatchJsonAsync($"/passkeys/credentials/{id}", new { name = (string?)null })).ReadJsonAsync();
        Assert.That(cleared["name"], Is.Null);
    }

    [Test]
    public async Task Last_passkey_may_be_deleted_when_the_option_allows_it()
    {
        await using var host = await PasskeysTestHost.StartAsync(o => o.AllowDeletingLastCredential = true);
        using var browser = new PasskeyBrowser(host);
        (await browser.SignUpAsync("mia")).Dispose();
        var id = (await browser.ListAsync())[0]!["id"]!.GetValue<string>();
        Assert.That((await browser.Client.DeleteAsync($"/passkeys/credentials/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await browser.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task Unknown_user_name_gets_options_that_look_real_and_fails_like_a_bad_credential()
    {
        using var real = new PasskeyBrowser(_host);
        (await real.SignUpAsync("nina")).Dispose();
        using var stranger = new PasskeyBrowser(_host);
        (await stranger.SignUpAsync("oscar")).Dispose();

        var known = JsonNode.Parse(await (await stranger.Client.PostJsonAsync("/passkeys/login/options", new { userName = "nina" })).Content.ReadAsStringAsync())!.AsObject();
        var unknown = JsonNode.Parse(await (await stranger.Client.PostJsonAsync("/passkeys/login/options", new { userName = "nobody" })).Content.ReadAsStringAsync())!.AsObject();
        Assert.That(unknown.Select(p => p.Key), Is.EquivalentTo(known.Select(p => p.Key)));
        Assert.That(unknown["allowCredentials"]!.AsArray(), Is.Not.Empty);
        // Real passkeys may be listed without transports too, so a decoy has the members a real entry may have.
        Assert.That(unknown["allowCredentials"]![0]!.AsObject().Select(p => p.Key), Is.SubsetOf(new[] { "type", "id", "transports" }).And.Contains("type").And.Contains("id"));
        Assert.That(known["allowCredentials"]![0]!.AsObject().Select(p => p.Key), Is.SubsetOf(new[] { "type", "id", "transports" }));

        // Oscar's own passkey offered for "nobody" and for "nina" fails with the same 401 as any bad passkey.
        var oscarId = stranger.Authenticator.Credentials[0].Id;
        using var forUnknown = await stranger.LoginAsync("nobody", credentialId: oscarId);
        var problem = await forUnknown.ReadProblemAsync(401, PasskeyErrorCodes.UnknownCredential);
        Assert.That(problem["verified"]!.GetValue<bool>(), Is.False);
        using var forNina = await stranger.LoginAsync("nina", credentialId: oscarId);
        Assert.That((int)forNina.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Tampered_origin_is_rejected_with_401()
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("pat")).Dispose();
        using var login = await browser.LoginAsync("pat", tampering: new SoftwareTampering { ClientData = c => c["origin"] = "https://evil.example" });
        await login.ReadProblemAsync(401, PasskeyErrorCodes.OriginMismatch);
    }

    [Test]
    public async Task Deleted_passkey_is_reported_as_unknown_for_the_signal_api()
    {
        await using var host = await PasskeysTestHost.StartAsync(o => o.AllowDeletingLastCredential = true);
        using var browser = new PasskeyBrowser(host);
        (await browser.SignUpAsync("quinn")).Dispose();
        var id = (await browser.ListAsync())[0]!["id"]!.GetValue<string>();
        (await browser.Client.DeleteAsync($"/passkeys/credentials/{id}")).Dispose();
        await (await browser.LoginAsync()).ReadProblemAsync(401, PasskeyErrorCodes.CredentialNotRegistered);
    }

    private static async Task<string> StartRegistrationAsync(PasskeyBrowser browser, string userName)
    {
        using var options = await browser.Client.PostJsonAsync("/passkeys/register/options", new { userName });
        Assert.That((int)options.StatusCode, Is.EqualTo(200));
        browser.LastOptions = await options.Content.ReadAsStringAsync();
        return browser.Client.Cookie("__Host-.Passkeys.Ceremony.reg")!;
    }
}
