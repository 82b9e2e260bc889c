using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Hundreds of broken bodies, from a fixed seed, sent to every endpoint that reads one: never a 500, always
/// problem details with a code, and nothing stored unless the request succeeded.
/// </summary>
public class MalformedBodyTests
{
    private const int CasesPerEndpoint = 120;

    private PasskeysTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await PasskeysTestHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Broken_registration_responses_never_fail_with_500_or_store_anything()
    {
        var mutator = new JsonMutator(1234);
        using var browser = new PasskeyBrowser(_host);
        var refused = 0;
        for (var i = 0; i < CasesPerEndpoint; i++)
        {
            var name = $"fuzz{i}";
            using var options = await browser.Client.PostJsonAsync("/passkeys/register/options", new { userName = name });
            var valid = browser.Authenticator.CreateCredential(await options.Content.ReadAsStringAsync());
            using var response = await browser.Client.PostJsonAsync("/passkeys/register", mutator.Mutate(valid));
            refused += await CheckAsync(response, verifyEndpoint: true, i);
            var expected = response.IsSuccessStatusCode ? (1, 1) : (0, 0);
            Assert.That(await _host.CountAsync(name), Is.EqualTo(expected), $"case {i}");
        }

        // Many members of a registration response are informational (transports, publicKey, extensions), so
        // breaking them is harmless; most mutations must still be refused.
        Assert.That(refused, Is.GreaterThan(CasesPerEndpoint / 2));
    }

    [Test]
    public async Task Broken_assertions_never_fail_with_500_or_change_the_passkey()
    {
        var mutator = new JsonMutator(5678);
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("target")).Dispose();
        var refused = 0;
        for (var i = 0; i < CasesPerEndpoint; i++)
        {
            var before = await SnapshotAsync("target");
            using var options = await browser.Client.PostJsonAsync("/passkeys/login/options", i % 2 == 0 ? "{}" : "{\"userName\":\"target\"}");
            var valid = browser.Authenticator.GetAssertion(await options.Content.ReadAsStringAsync());
            using var response = await browser.Client.PostJsonAsync("/passkeys/login", mutator.Mutate(valid));
            refused += await CheckAsync(response, verifyEndpoint: true, i);
            if (!response.IsSuccessStatusCode)
            {
                Assert.That(await SnapshotAsync("target"), Is.EqualTo(before), $"case {i}");
            }
        }

        Assert.That(refused, Is.GreaterThan(CasesPerEndpoint * 3 / 4));
    }

    [Test]
    public async Task Broken_add_credential_responses_never_fail_with_500_or_store_anything()
    {
        var mutator = new JsonMutator(9012);
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("owner")).Dispose();
        for (var i = 0; i < CasesPerEndpoint / 2; i++)
        {
            var device = new Passkeys.Testing.SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
            var before = await _host.CountAsync("owner");
            using var options = await browser.Client.PostJsonAsync("/passkeys/credentials/options", "{}");
            var valid = device.CreateCredential(await options.Content.ReadAsStringAsync());
            using var response = await browser.Client.PostJsonAsync("/passkeys/credentials", mutator.Mutate(valid));
            await CheckAsync(response, verifyEndpoint: true, i);
            var after = await _host.CountAsync("owner");
            Assert.That(after.Credentials, Is.EqualTo(before.Credentials + (response.IsSuccessStatusCode ? 1 : 0)), $"case {i}");
        }
    }

    [Test]
    public async Task Broken_options_and_rename_requests_never_fail_with_500()
    {
        var mutator = new JsonMutator(3456);
        using var browser = new PasskeyBrowser(_host);
        (await browser.SignUpAsync("renamer")).Dispose();
        var id = (await browser.ListAsync())[0]!["id"]!.GetValue<string>();
        var bodies = new (string Path, HttpMethod Method, string Valid)[]
        {
            ("/passkeys/register/options", HttpMethod.Post, "{\"userName\":\"someone\",\"displayName\":\"Some One\",\"email\":\"some@example.com\"}"),
            ("/passkeys/login/options", HttpMethod.Post, "{\"userName\":\"renamer\"}"),
            ("/passkeys/credentials/options", HttpMethod.Post, "{\"extra\":{\"a\":[1,2]}}"),
            ($"/passkeys/credentials/{id}", HttpMethod.Patch, "{\"name\":\"Laptop\"}"),
        };
        foreach (var (path, method, valid) in bodies)
        {
            for (var i = 0; i < CasesPerEndpoint / 2; i++)
            {
                using var response = await browser.Client.SendAsync(method, path,
                    new StringContent(mutator.Mutate(valid), System.Text.Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                {
                    await CheckAsync(response, verifyEndpoint: false, i);
                }
            }
        }

        Assert.That(await _host.CountAsync("someone"), Is.EqualTo((0, 0)));
        Assert.That(await _host.CountAsync("renamer"), Is.EqualTo((1, 1)));
    }

    private static async Task<int> CheckAsync(HttpResponseMessage response, bool verifyEndpoint, int i)
    {
        var status = (int)response.StatusCode;
        Assert.That(status, Is.LessThan(500), $"case {i}");
        if (response.IsSuccessStatusCode)
        {
            return 0;
        }

        Assert.That(status, Is.AnyOf(400, 401, 413), $"case {i}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"case {i}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(body["code"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"case {i}");
        if (verifyEndpoint)
        {
            Assert.That(body["verified"]?.GetValue<bool>(), Is.False, $"case {i}");
        }

        return 1;
    }

    private async Task<string> SnapshotAsync(string userName)
    {
        var user = await _host.Users.FindByNameAsync(userName, CancellationToken.None);
        var credentials = await _host.Credentials.ListByUserAsync(user!.Id, CancellationToken.None);
        return string.Join(";", credentials.Select(c => $"{c.SignCount}|{c.LastUsedAt:O}|{c.IsBackedUp}|{c.Name}"));
    }
}
