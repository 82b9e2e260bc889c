using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Responses that are JSON to a lenient reader but not to a strict one: a member named twice, a string that is not
/// well-formed UTF-16 (a lone surrogate, escaped or raw), in the response or inside its <c>clientDataJSON</c>. The
/// engine refuses each with <see cref="PasskeyErrorCodes.MalformedResponse"/> and never throws.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class StrictResponseTests(AssertionPath path) : EngineTestBase(path)
{
    private static IEnumerable<TestCaseData> ResponseCases()
    {
        yield return Case("id twice", json => "{\"id\":" + Member(json, "id") + "," + json[1..]);
        yield return Case("id twice, once escaped", json => "{\"\\u0069d\":" + Member(json, "id") + "," + json[1..]);
        yield return Case("response twice", json => "{\"response\":{}," + json[1..]);
        yield return Case("clientDataJSON twice", json => json.Replace("\"response\":{", "\"response\":{\"clientDataJSON\":\"e30\",", StringComparison.Ordinal));
        yield return Case("unknown member twice", json => "{\"x\":1,\"x\":2," + json[1..]);
        yield return Case("lone high surrogate escape in id", json => json.Replace("\"id\":\"", "\"id\":\"\\ud800", StringComparison.Ordinal));
        yield return Case("lone low surrogate escape in an unknown member", json => "{\"x\":\"\\udc00\"," + json[1..]);
        yield return Case("reversed surrogate pair escape", json => "{\"x\":\"\\ude00\\ud83d\"," + json[1..]);
        yield return Case("lone surrogate escape in a member name", json => "{\"\\ud800\":1," + json[1..]);
        yield return Case("lone surrogate escape in type", json => json.Replace("\"type\":\"public-key\"", "\"type\":\"\\ud800\"", StringComparison.Ordinal));
        yield return Case("raw lone surrogate in an unknown member", json => "{\"x\":\"\ud800\"," + json[1..]);
        yield return Case("raw lone surrogate in rawId", json => json.Replace("\"rawId\":\"", "\"rawId\":\"\udfff", StringComparison.Ordinal));
        yield return Case("raw lone surrogate outside strings", json => json + "\ud800");
    }

    private static IEnumerable<TestCaseData> ClientDataCases()
    {
        yield return ClientData("type twice", (type, challenge) => $"{{\"type\":\"{type}\",\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\"}}");
        yield return ClientData("challenge twice", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"AAAA\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\"}}");
        yield return ClientData("origin twice", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"https://evil.example\",\"origin\":\"{EngineHarness.Origin}\"}}");
        yield return ClientData("lone surrogate escape in type", (_, challenge) => $"{{\"type\":\"\\ud800\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\"}}");
        yield return ClientData("lone surrogate escape in challenge", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\\udc00\",\"origin\":\"{EngineHarness.Origin}\"}}");
        yield return ClientData("lone surrogate escape in origin", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\\ud800\"}}");
        yield return ClientData("lone surrogate escape in an unknown member", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\",\"other\":\"\\ud800\"}}");
        yield return ClientData("lone surrogate escape in a member name", (type, challenge) => $"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}\",\"\\ud800\":1}}");
        yield return new TestCaseData("surrogate encoded as UTF-8 bytes in origin", (Func<string, string, byte[]>)((type, challenge) =>
            [.. Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{EngineHarness.Origin}"), 0xED, 0xA0, 0x80, .. "\"}"u8]))
            .SetArgDisplayNames("surrogate encoded as UTF-8 bytes in origin");
    }

    [TestCaseSource(nameof(ResponseCases))]
    public async Task Registration_response_that_is_not_strict_json_is_malformed_and_stores_nothing(string name, Func<string, string> mutate)
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var response = mutate(Authenticator.CreateCredential(start.Value!.OptionsJson));

        var result = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.MalformedResponse), name);
        Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null, name);
    }

    [TestCaseSource(nameof(ResponseCases))]
    public async Task Assertion_that_is_not_strict_json_is_malformed_and_changes_nothing(string name, Func<string, string> mutate)
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");
        var response = mutate(Authenticator.GetAssertion(start.Value!.OptionsJson));

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.MalformedResponse), name);
        var stored = await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default);
        Assert.That(stored!.LastUsedAt, Is.Null, name);
    }

    [TestCaseSource(nameof(ClientDataCases))]
    public async Task Registration_whose_client_data_is_not_strict_json_is_malformed(string name, Func<string, string, byte[]> clientData)
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var response = WithClientData(Authenticator.CreateCredential(start.Value!.OptionsJson), start.Value.OptionsJson, "webauthn.create", clientData);

        var result = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.MalformedResponse), name);
        Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null, name);
    }

    [TestCaseSource(nameof(ClientDataCases))]
    public async Task Assertion_whose_client_data_is_not_strict_json_is_malformed(string name, Func<string, string, byte[]> clientData)
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");
        var response = WithClientData(Authenticator.GetAssertion(start.Value!.OptionsJson), start.Value.OptionsJson, "webauthn.get", clientData);

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.MalformedResponse), name);
        var stored = await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default);
        Assert.That(stored!.LastUsedAt, Is.Null, name);
    }

    [Test]
    public async Task Strictly_read_response_still_verifies()
    {
        var registered = await Harness.RegisterAsync(Authenticator, "alice");
        var signedIn = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(registered.Error?.Code, Is.Null);
        Assert.That(signedIn.Error?.Code, Is.Null);
    }

    private static TestCaseData Case(string name, Func<string, string> mutate) => new TestCaseData(name, mutate).SetArgDisplayNames(name);

    private static TestCaseData ClientData(string name, Func<string, string, string> text)
        => new TestCaseData(name, (Func<string, string, byte[]>)((type, challenge) => Encoding.UTF8.GetBytes(text(type, challenge)))).SetArgDisplayNames(name);

    private static string Member(string json, string name) => JsonNode.Parse(json)![name]!.ToJsonString();

    private static string WithClientData(string responseJson, string optionsJson, string type, Func<string, string, byte[]> clientData)
    {
        var challenge = JsonNode.Parse(optionsJson)!["challenge"]!.GetValue<string>();
        var response = JsonNode.Parse(responseJson)!.AsObject();
        response["response"]!["clientDataJSON"] = Base64Url.EncodeToString(clientData(type, challenge));
        return response.ToJsonString();
    }
}
