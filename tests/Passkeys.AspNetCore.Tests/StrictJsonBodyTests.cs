using System.Net.Http.Headers;
using System.Text;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Bodies that a lenient JSON reader takes but a strict one refuses: a member named twice, a string that is not
/// well-formed UTF-16 (a lone surrogate escape), nesting past the cap. Every endpoint that reads a body answers
/// 400 <c>malformed_request</c> before it does anything else: nothing stored, no ceremony spent.
/// </summary>
public class StrictJsonBodyTests
{
    private const string LoneSurrogate = "\\ud800";

    private EmailLoginHost _email = null!;
    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _email = await EmailLoginHost.StartAsync();
        _host = _email.Host;
    }

    [TearDown]
    public async Task TearDown() => await _email.DisposeAsync();

    private static IEnumerable<TestCaseData> OptionsBodies()
    {
        yield return Body("/passkeys/register/options", $"{{\"userName\":\"{LoneSurrogate}\"}}", "lone surrogate in userName");
        yield return Body("/passkeys/register/options", $"{{\"userName\":\"alice\",\"displayName\":\"A{LoneSurrogate}\"}}", "lone surrogate in displayName");
        yield return Body("/passkeys/register/options", "{\"userName\":\"alice\",\"userName\":\"bob\"}", "userName twice");
        yield return Body("/passkeys/register/options", "{\"userName\":\"alice\",\"\\u0075serName\":\"bob\"}", "userName twice, once escaped");
        yield return Body("/passkeys/register/options", "{\"userName\":\"alice\",\"x\":{\"a\":1,\"a\":2}}", "a nested member twice");
        yield return Body("/passkeys/register/options", "{\"userName\":\"alice\",\"x\":\"\\udc00\\ud800\"}", "reversed surrogates in an unknown member");
        yield return Body("/passkeys/register/options", "{\"userName\":\"alice\",\"x\":" + new string('[', 40) + new string(']', 40) + "}", "nested past the cap");
        yield return Body("/passkeys/login/options", $"{{\"userName\":\"{LoneSurrogate}\"}}", "lone surrogate in userName");
        yield return Body("/passkeys/login/options", $"{{\"{LoneSurrogate}\":1}}", "lone surrogate in a member name");
        yield return Body("/passkeys/login/options", "{\"userName\":\"alice\",\"userName\":null}", "userName twice");
        yield return Body("/passkeys/email-login", $"{{\"email\":\"a{LoneSurrogate}@example.com\"}}", "lone surrogate in email");
        yield return Body("/passkeys/email-login", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}", "email twice");
        yield return Body("/passkeys/email-login/peek", $"{{\"token\":\"{LoneSurrogate}\"}}", "lone surrogate in token");
        yield return Body("/passkeys/email-login/confirm", "{\"token\":\"a\",\"token\":\"b\"}", "token twice");
    }

    [TestCaseSource(nameof(OptionsBodies))]
    public async Task Body_that_is_not_strict_json_is_a_400_malformed_request(string path, string body)
    {
        using var client = _host.CreateClient();

        using var response = await client.PostJsonAsync(path, body);

        await response.ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
        Assert.That(client.LastSetCookies, Is.Empty, "no ceremony, binding or session cookie");
        Assert.That(await _host.CountAsync("alice", "bob"), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Raw_lone_surrogate_bytes_in_a_body_are_a_400_malformed_request()
    {
        using var client = _host.CreateClient();
        var bytes = (byte[])[.. "{\"userName\":\"a"u8, 0xED, 0xA0, 0x80, .. "\"}"u8];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.SendAsync(HttpMethod.Post, "/passkeys/register/options", content);

        await response.ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
    }

    [TestCase("{\"name\":\"" + LoneSurrogate + "\"}")]
    [TestCase("{\"name\":\"Laptop\",\"name\":\"Phone\"}")]
    [TestCase("{\"name\":\"Laptop\",\"x\":\"\\ud800\"}")]
    public async Task Rename_with_a_body_that_is_not_strict_json_is_a_400_and_keeps_the_name(string body)
    {
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("alice")).Dispose();
        var id = (await browser.ListAsync())[0]!["id"]!.GetValue<string>();

        using var response = await browser.Client.SendAsync(HttpMethod.Patch, $"/passkeys/credentials/{id}", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
        Assert.That((await browser.ListAsync())[0]!["name"], Is.Null);
    }

    [TestCase("/passkeys/register")]
    [TestCase("/passkeys/credentials")]
    [TestCase("/passkeys/login")]
    public async Task Response_with_a_member_twice_is_a_400_that_stores_nothing_and_keeps_the_ceremony(string path)
    {
        using var browser = new PasskeyBrowser(_host);
        string options;
        if (path == "/passkeys/register")
        {
            using var start = await browser.Client.PostJsonAsync("/passkeys/register/options", new { userName = "alice" });
            options = await start.Content.ReadAsStringAsync();
        }
        else
        {
            (await browser.SignUpAsync("alice")).Dispose();
            using var start = await browser.Client.PostJsonAsync(path + "/options", path == "/passkeys/login" ? "{\"userName\":\"alice\"}" : "{}");
            options = await start.Content.ReadAsStringAsync();
        }

        var device = path == "/passkeys/credentials" ? new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin } : browser.Authenticator;
        var valid = path == "/passkeys/login" ? device.GetAssertion(options) : device.CreateCredential(options);
        var before = await _host.CountAsync("alice");

        using var duplicated = await browser.Client.PostJsonAsync(path, "{\"id\":\"AAAA\"," + valid[1..]);
        var problem = await duplicated.ReadProblemAsync(400, PasskeyHttpErrorCodes.MalformedRequest);
        Assert.That(problem["verified"]?.GetValue<bool>(), Is.False);
        Assert.That(await _host.CountAsync("alice"), Is.EqualTo(before));

        using var retry = await browser.Client.PostJsonAsync(path, valid);
        Assert.That(retry.IsSuccessStatusCode, Is.True, "the ceremony was not spent: " + await retry.Content.ReadAsStringAsync());
    }

    private static TestCaseData Body(string path, string body, string name) => new TestCaseData(path, body).SetArgDisplayNames(path, name);
}
