using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.AspNetCore.Tests.EmailLogin;
using Passkeys.AspNetCore.Tests.Infrastructure;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;
using Passkeys.Testing;
using Passkeys.Tests.Properties;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// Properties of every endpoint that reads a body (all of <c>MapPasskeys()</c>, email sign-in included), over
/// generated bodies of every shape (<see cref="JsonText"/>: random JSON trees and byte strings, the endpoint's own
/// members with values of every type) and generated changes to valid responses (<see cref="ResponseMutation"/>): the
/// answer is never a 5xx; a body that is not strict JSON is a 400 <c>malformed_request</c>; a refusal is a 4xx problem
/// with a <c>code</c> that changed nothing stored (users, passkeys, ceremonies, sign-in links), except that a verify
/// endpoint spends the ceremony of a response it read (strict JSON that does not verify).
/// </summary>
public class EndpointPropertyTests
{
    private const int BodiesPerEndpoint = 150;
    private const int ResponsesPerEndpoint = 60;

    private EmailLoginHost _email = null!;
    private PasskeyBrowser _owner = null!;
    private string _ownerPasskeyId = null!;

    private PasskeysTestHost Host => _email.Host;

    private int Ceremonies => ((InMemoryCeremonyStore)Host.Services.GetRequiredService<IPasskeyCeremonyStore>()).Count;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The "credentials" property adds its accepted passkeys to one account: room for all of them.
        _email = await EmailLoginHost.StartAsync(features: b => b.Services.Configure<PasskeyOptions>(o => o.MaxPasskeysPerUser = 1000));
        _owner = new PasskeyBrowser(Host);
        (await _owner.SignUpAsync("owner", email: "owner@example.com")).Dispose();
        _ownerPasskeyId = (await _owner.ListAsync())[0]!["id"]!.GetValue<string>();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _owner.Dispose();
        await _email.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> BodyEndpoints()
    {
        yield return Endpoint("POST", "register/options", "userName", "displayName", "email");
        yield return Endpoint("POST", "register");
        yield return Endpoint("POST", "login/options", "userName");
        yield return Endpoint("POST", "login");
        yield return Endpoint("POST", "credentials/options");
        yield return Endpoint("POST", "credentials");
        yield return Endpoint("PATCH", "credentials/{id}", "name");
        yield return Endpoint("POST", "reauthenticate/options");
        yield return Endpoint("POST", "reauthenticate");
        yield return Endpoint("POST", "email-login", "email", "userName");
        yield return Endpoint("POST", "email-login/peek", "token");
        yield return Endpoint("POST", "email-login/confirm", "token");
        yield return Endpoint("POST", "email", "email");
        yield return Endpoint("POST", "email/verify/resend");
        yield return Endpoint("POST", "email/verify/peek", "token");
        yield return Endpoint("POST", "email/verify", "token");
    }

    [TestCaseSource(nameof(BodyEndpoints))]
    public async Task Any_body_is_refused_with_a_4xx_problem_that_changed_nothing_or_accepted(string method, string path, string[] members)
    {
        var url = "/passkeys/" + path.Replace("{id}", _ownerPasskeyId, StringComparison.Ordinal);
        var verify = path is "register" or "login" or "credentials" or "reauthenticate" or "email-login/confirm";
        var bodies = Gen.Frequency(
            (3, JsonText.Bytes),
            (2, JsonText.Corrupted(MembersOf(members.Length > 0 ? members : JsonText.KnownNames)).Select(JsonText.Encode)));

        // Signed in as the owner, so the account endpoints read the body too; no ceremony cookie is held.
        using var client = Host.CreateClient();
        client.Cookies.Add(_owner.Client.Cookies.GetAllCookies());
        foreach (var ceremony in client.Cookies.GetAllCookies().Where(c => c.Name.Contains("Ceremony", StringComparison.Ordinal)))
        {
            ceremony.Expired = true;
        }

        await Property.CheckAsync($"{method} {path}", bodies, async body =>
        {
            var before = await SnapshotAsync();
            var ceremonies = Ceremonies;

            using var response = await SendAsync(client, new HttpMethod(method), url, body);

            var refused = await IsRefusalAsync(response, verify);
            if (!JsonText.IsStrictObject(body) && !(path is "login/options" or "credentials/options" or "reauthenticate/options" or "email/verify/resend" && IsBlank(body)))
            {
                await AssertMalformedRequestAsync(response);
            }

            if (refused)
            {
                Assert.That(await SnapshotAsync(), Is.EqualTo(before), "a refused request changed what is stored");
                Assert.That(Ceremonies, Is.EqualTo(ceremonies), "a refused request started or spent a ceremony");
            }
            else
            {
                Assert.That(verify, Is.False, "a verify endpoint accepted a generated body");
            }
        }, BodiesPerEndpoint, Print);
    }

    [TestCase("register")]
    [TestCase("login")]
    [TestCase("credentials")]
    public async Task Changed_response_is_refused_with_a_4xx_problem_that_spent_only_its_ceremony_or_accepted(string path)
    {
        using var browser = new PasskeyBrowser(Host);
        browser.Client.Cookies.Add(_owner.Client.Cookies.GetAllCookies());
        var attempt = 0;
        await Property.CheckAsync($"changed {path} response", ResponseMutation.Gen, async mutation =>
        {
            var device = path == "login" ? _owner.Authenticator : new SoftwareAuthenticator { Origin = PasskeysTestHost.Origin };
            var optionsBody = path switch
            {
                "register" => $"{{\"userName\":\"changed{Interlocked.Increment(ref attempt)}\"}}",
                "login" => mutation.Position % 2 == 0 ? "{\"userName\":\"owner\"}" : "{}",
                _ => "{}",
            };
            using var options = await browser.Client.PostJsonAsync($"/passkeys/{path}/options", optionsBody);
            Assert.That((int)options.StatusCode, Is.EqualTo(200), await options.Content.ReadAsStringAsync());
            var optionsJson = await options.Content.ReadAsStringAsync();
            var valid = path == "login" ? device.GetAssertion(optionsJson) : device.CreateCredential(optionsJson);
            var before = await SnapshotAsync();
            var ceremonies = Ceremonies;

            var body = JsonText.Encode(mutation.Apply(valid));
            using var response = await SendAsync(browser.Client, HttpMethod.Post, $"/passkeys/{path}", body);

            var refused = await IsRefusalAsync(response, verifyEndpoint: true);
            if (!JsonText.IsStrictObject(body))
            {
                await AssertMalformedRequestAsync(response);
                Assert.That(Ceremonies, Is.EqualTo(ceremonies), "a body that is not strict JSON spent the ceremony");
            }

            if (refused)
            {
                Assert.That(await SnapshotAsync(), Is.EqualTo(before), "a refused response changed what is stored");
                Assert.That(Ceremonies, Is.AnyOf(ceremonies, ceremonies - 1), "only the response's own ceremony may be spent");
            }

            // The owner signs in again for the next case, whoever a response signed in.
            browser.Client.Cookies.Add(_owner.Client.Cookies.GetAllCookies());
        }, ResponsesPerEndpoint);
    }

    private static TestCaseData Endpoint(string method, string path, params string[] members)
        => new TestCaseData(method, path, members).SetArgDisplayNames(method, path);

    // Objects of the endpoint's own members (often one twice) with values of every type and encoding.
    private static Gen<string> MembersOf(string[] names)
        => Gen.Select(Gen.OneOf(names), JsonText.Value, (name, value) => "\"" + name + "\":" + value).Array[0, 3]
            .Select(members => "{" + string.Join(",", members) + "}");

    private static async Task<HttpResponseMessage> SendAsync(TestClient client, HttpMethod method, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.SendAsync(method, url, content);
    }

    private static async Task<bool> IsRefusalAsync(HttpResponseMessage response, bool verifyEndpoint)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(status, Is.LessThan(500), text);
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        Assert.That(status, Is.InRange(400, 499), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!;
        Assert.That(problem["code"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
        if (verifyEndpoint && status != 429)
        {
            Assert.That(problem["verified"]?.GetValue<bool>(), Is.False, text);
        }

        return true;
    }

    private static async Task AssertMalformedRequestAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), "a body that is not strict JSON was read: " + text);
        Assert.That(JsonNode.Parse(text)!["code"]?.GetValue<string>(), Is.EqualTo(PasskeyHttpErrorCodes.MalformedRequest), text);
    }

    private static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    // What a request could change, besides ceremonies: users and passkeys (through the events that creating or deleting
    // them raises), the owner's account and passkeys, sign-in links issued and emails sent.
    private async Task<string> SnapshotAsync()
    {
        await _email.WhenIdleAsync();
        var owner = await Host.Users.FindByNameAsync("owner", CancellationToken.None);
        var passkeys = await Host.Credentials.ListByUserAsync(owner!.Id, CancellationToken.None);
        string[] events;
        lock (Host.Events)
        {
            events = Host.Events.Where(e => !e.StartsWith("OnFailure:", StringComparison.Ordinal)).ToArray();
        }

        return $"events {string.Join(",", events)}; owner {owner.DisplayName}|{owner.Email}|{owner.PendingEmail}; " +
            $"passkeys {string.Join(";", passkeys.Select(c => $"{c.SignCount}|{c.LastUsedAt:O}|{c.Name}"))}; " +
            $"links {_email.Tokens.Saved.Count}; emails {_email.Sender.Messages.Count}";
    }

    private static string Print(byte[] body) => Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 400))) + " = " + System.Text.Encoding.UTF8.GetString(body);
}
