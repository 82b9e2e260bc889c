using System.Net;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

public class OptionsEndpointTests
{
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Register_options_are_standard_json_and_set_the_ceremony_cookie()
    {
        using var client = _host.CreateClient();
        using var response = await client.PostJsonAsync("/passkeys/register/options", new { userName = "alice", displayName = "Alice" });
        var options = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(options["rp"]!["id"]!.GetValue<string>(), Is.EqualTo("localhost"));
            Assert.That(options["user"]!["name"]!.GetValue<string>(), Is.EqualTo("alice"));
            Assert.That(options["challenge"]!.GetValue<string>(), Does.Match("^[A-Za-z0-9_-]{43}$"));
            Assert.That(options["pubKeyCredParams"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("public-key"));
            Assert.That(options["authenticatorSelection"]!["residentKey"]!.GetValue<string>(), Is.EqualTo("required"));
            Assert.That(client.Cookie("__Host-.Passkeys.Ceremony.reg"), Is.Not.Null.And.Not.Empty);
        });
        Assert.That(await _host.CountAsync("alice"), Is.EqualTo((0, 0)), "the account exists only after the passkey verifies");
    }

    [TestCase("{\"userName\":\"ab\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"has space\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"_leading\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"<script>\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", PasskeyErrorCodes.InvalidUserName)]
    [TestCase("{\"userName\":\"alice\",\"email\":\"not-an-email\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"userName\":\"alice\",\"email\":\"a@b\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"userName\":\"alice\",\"email\":\"Alice <a@example.com>\"}", PasskeyErrorCodes.InvalidEmail)]
    [TestCase("{\"userName\":\"alice\",\"displayName\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", PasskeyErrorCodes.InvalidDisplayName)]
    [TestCase("{\"userName\":\"alice\",\"displayName\":\"a\\u0000b\"}", PasskeyErrorCodes.InvalidDisplayName)]
    [TestCase("{\"userName\":42}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"userName\":[\"alice\"]}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"userName\":\"alice\",\"email\":true}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("[]", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("\"alice\"", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"userName\":", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("", PasskeyHttpErrorCodes.MalformedRequest)]
    public async Task Register_options_refuse_invalid_input_with_400(string body, string code)
    {
        using var client = _host.CreateClient();
        await (await client.PostJsonAsync("/passkeys/register/options", body)).ReadProblemAsync(400, code);
        Assert.That(client.Cookie("__Host-.Passkeys.Ceremony.reg"), Is.Null);
    }

    [TestCase("ALICE", null, PasskeyErrorCodes.UserExists)]
    [TestCase("alice", null, PasskeyErrorCodes.UserExists)]
    [TestCase("ａｌｉｃｅ", null, PasskeyErrorCodes.UserExists)]
    public async Task Register_options_refuse_a_taken_name_with_409(string userName, string? email, string code)
    {
        await _host.SeedUserAsync("alice", "alice@example.com");
        using var client = _host.CreateClient();
        await (await client.PostJsonAsync("/passkeys/register/options", new { userName, email })).ReadProblemAsync(409, code);
        Assert.That(_host.Events, Is.EqualTo(new[] { $"OnFailure:register-options:{code}" }));
    }

    // A name with @ is refused alike whether or not it is an account's address: no oracle, and no address taken.
    [TestCase("alice@example.com")]
    [TestCase("ＡＬＩＣＥ@ｅｘａｍｐｌｅ.ｃｏｍ")]
    [TestCase("nobody@example.com")]
    public async Task Register_options_refuse_an_email_shaped_name_as_invalid_whether_or_not_it_is_taken(string userName)
    {
        await _host.SeedUserAsync("alice", "alice@example.com");
        using var client = _host.CreateClient();
        await (await client.PostJsonAsync("/passkeys/register/options", new { userName })).ReadProblemAsync(400, PasskeyErrorCodes.InvalidUserName);
    }

    [TestCase("{}")]
    [TestCase("")]
    [TestCase("{\"userName\":null}")]
    [TestCase("{\"userName\":\"   \"}")]
    public async Task Login_options_without_a_name_are_discoverable(string body)
    {
        using var client = _host.CreateClient();
        var options = await (await client.PostJsonAsync("/passkeys/login/options", body)).ReadJsonAsync();
        Assert.That(options["allowCredentials"]?.AsArray() ?? [], Is.Empty);
        Assert.That(options["userVerification"]!.GetValue<string>(), Is.EqualTo("required"));
        Assert.That(client.SetCookie("__Host-.Passkeys.Ceremony.auth"), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
    }

    [TestCase("{\"userName\":5}", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("[1]", PasskeyHttpErrorCodes.MalformedRequest)]
    [TestCase("{\"userName\":\"a\\u0001b\"}", PasskeyErrorCodes.InvalidUserName)]
    public async Task Login_options_refuse_malformed_input(string body, string code)
    {
        using var client = _host.CreateClient();
        await (await client.PostJsonAsync("/passkeys/login/options", body)).ReadProblemAsync(400, code);
    }

    [Test]
    public async Task Login_options_for_known_and_unknown_names_have_the_same_shape()
    {
        await _host.SeedUserAsync("realuser");
        using var client = _host.CreateClient();
        var known = await (await client.PostJsonAsync("/passkeys/login/options", new { userName = "realuser" })).ReadJsonAsync();
        var unknown = await (await client.PostJsonAsync("/passkeys/login/options", new { userName = "ghostuser" })).ReadJsonAsync();
        Assert.That(unknown.Select(p => p.Key), Is.EquivalentTo(known.Select(p => p.Key)));
        Assert.That(unknown["allowCredentials"]!.AsArray(), Is.Not.Empty);
        var again = await (await client.PostJsonAsync("/passkeys/login/options", new { userName = "GhostUser" })).ReadJsonAsync();
        Assert.That(again["allowCredentials"]!.ToJsonString(), Is.EqualTo(unknown["allowCredentials"]!.ToJsonString()), "decoys are stable");
    }

    [TestCase("GET", "/passkeys/account")]
    [TestCase("POST", "/passkeys/credentials/options")]
    [TestCase("POST", "/passkeys/credentials")]
    [TestCase("GET", "/passkeys/credentials")]
    [TestCase("PATCH", "/passkeys/credentials/AAAA")]
    [TestCase("DELETE", "/passkeys/credentials/AAAA")]
    [TestCase("DELETE", "/passkeys/account")]
    public async Task Account_endpoints_answer_401_problem_never_a_redirect(string method, string path)
    {
        using var client = _host.CreateClient();
        using var response = await client.SendAsync(new HttpMethod(method), path,
            method is "POST" or "PATCH" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null);
        await response.ReadProblemAsync(401, PasskeyHttpErrorCodes.NotAuthenticated);
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Logout_and_remembered_work_without_a_session()
    {
        using var client = _host.CreateClient();
        Assert.That((await client.PostJsonAsync("/passkeys/logout", "{}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.SendAsync(HttpMethod.Post, "/passkeys/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.DeleteAsync("/passkeys/remembered")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Forged_remembered_cookie_is_ignored_and_cleared()
    {
        using var client = _host.CreateClient();
        client.Cookies.Add(new Uri(PasskeysTestHost.Origin), new Cookie("__Host-.Passkeys.User", "forged-value"));
        using var response = await client.GetAsync("/passkeys/remembered");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(client.SetCookie("__Host-.Passkeys.User"), Does.Contain("expires=Thu, 01 Jan 1970").IgnoreCase);
    }

    [Test]
    public async Task Well_known_webauthn_is_served_only_when_related_origins_are_configured()
    {
        using (var client = _host.CreateClient())
        {
            Assert.That((await client.GetAsync("/.well-known/webauthn")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        await using var host = await PasskeysTestHost.StartAsync(passkeys: o => o.RelatedOrigins = ["https://example.co.uk", "https://example.de"]);
        using var related = host.CreateClient();
        var body = await (await related.GetAsync("/.well-known/webauthn")).ReadJsonAsync();
        Assert.That(body["origins"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { "https://example.co.uk", "https://example.de" }));
    }

    [Test]
    public void Bad_http_options_fail_at_start_up_with_a_sentence()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            await PasskeysTestHost.StartAsync(o => o.DefaultReturnUrl = "https://evil.example"));
        Assert.That(failure!.Message, Does.Contain("DefaultReturnUrl"));
    }
}
