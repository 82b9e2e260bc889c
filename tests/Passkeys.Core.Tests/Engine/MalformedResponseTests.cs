using System.Text.Json.Nodes;

namespace Passkeys.Core.Tests.Engine;

[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class MalformedResponseTests(AssertionPath path) : EngineTestBase(path)
{
    private static IEnumerable<TestCaseData> Mutations()
    {
        yield return Case("not JSON", _ => "{\"id\": ");
        yield return Case("a JSON array", _ => "[]");
        yield return Case("null", _ => "null");
        yield return Case("empty", _ => "");
        yield return Case("truncated", json => json[..(json.Length / 2)]);
        yield return Case("nested too deep", _ => new string('[', 5000) + new string(']', 5000));
        yield return Case("oversized", json => json.Replace("\"type\"", $"\"padding\":\"{new string('x', 70 * 1024)}\",\"type\""));
        yield return Case("id missing", json => Edit(json, r => r.Remove("id")));
        yield return Case("rawId missing", json => Edit(json, r => r.Remove("rawId")));
        yield return Case("id not matching rawId", json => Edit(json, r => r["id"] = "AAAA"));
        yield return Case("rawId a number", json => Edit(json, r => r["rawId"] = 12));
        yield return Case("rawId bad base64url", json => Edit(json, r => r["rawId"] = "@@@###"));
        yield return Case("rawId too long", json => Edit(json, r => { var id = new string('A', 1400); r["rawId"] = id; r["id"] = id; }));
        yield return Case("response missing", json => Edit(json, r => r.Remove("response")));
        yield return Case("response a string", json => Edit(json, r => r["response"] = "x"));
        yield return Case("clientDataJSON missing", json => Edit(json, r => r["response"]!.AsObject().Remove("clientDataJSON")));
        yield return Case("clientDataJSON not JSON", json => Edit(json, r => r["response"]!["clientDataJSON"] = "bm90IGpzb24"));
        yield return Case("clientDataJSON bad base64url", json => Edit(json, r => r["response"]!["clientDataJSON"] = "!!!"));
        yield return Case("clientDataJSON type a number", json => Edit(json, r => r["response"]!["clientDataJSON"] = "eyJ0eXBlIjoxfQ"));
        yield return Case("huge number", json => Edit(json, r => r["response"]!["clientDataJSON"] = 1e308));
        yield return Case("type wrong", json => Edit(json, r => r["type"] = "password"));
        yield return Case("type an object", json => Edit(json, r => r["type"] = new JsonObject()));
    }

    private static IEnumerable<TestCaseData> AttestationMutations()
    {
        foreach (var data in Mutations())
        {
            yield return data;
        }

        yield return Case("attestationObject missing", json => Edit(json, r => r["response"]!.AsObject().Remove("attestationObject")));
        yield return Case("attestationObject truncated CBOR", json => Edit(json, r => r["response"]!["attestationObject"] = ((string)r["response"]!["attestationObject"]!)[..40]));
        yield return Case("attestationObject not CBOR", json => Edit(json, r => r["response"]!["attestationObject"] = "_____________"));
        yield return Case("transports not an array", json => Edit(json, r => r["response"]!["transports"] = "usb"));
    }

    private static IEnumerable<TestCaseData> AssertionMutations()
    {
        foreach (var data in Mutations())
        {
            yield return data;
        }

        yield return Case("authenticatorData truncated", json => Edit(json, r => r["response"]!["authenticatorData"] = ((string)r["response"]!["authenticatorData"]!)[..20]));
        yield return Case("signature missing", json => Edit(json, r => r["response"]!.AsObject().Remove("signature")));
        yield return Case("signature not DER", json => Edit(json, r => r["response"]!["signature"] = "AAAA"));
        yield return Case("userHandle a number", json => Edit(json, r => r["response"]!["userHandle"] = 5));
        yield return Case("userHandle too long", json => Edit(json, r => r["response"]!["userHandle"] = new string('A', 200)));
    }

    [TestCaseSource(nameof(AttestationMutations))]
    public async Task Malformed_registration_response_is_a_result_not_an_exception_and_stores_nothing(string name, Func<string, string> mutate)
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var response = mutate(Authenticator.CreateCredential(start.Value!.OptionsJson));

        var result = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Succeeded, Is.False, name);
        Assert.That(result.Error!.Code, Is.AnyOf(PasskeyErrorCodes.MalformedResponse, PasskeyErrorCodes.SignatureInvalid, PasskeyErrorCodes.VerificationFailed), name);
        Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null);
    }

    [TestCaseSource(nameof(AssertionMutations))]
    public async Task Malformed_assertion_is_a_result_not_an_exception_and_changes_nothing(string name, Func<string, string> mutate)
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");
        var response = mutate(Authenticator.GetAssertion(start.Value!.OptionsJson));

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Succeeded, Is.False, name);
        Assert.That(result.Error!.Code, Is.AnyOf(PasskeyErrorCodes.MalformedResponse, PasskeyErrorCodes.SignatureInvalid,
            PasskeyErrorCodes.UnknownCredential, PasskeyErrorCodes.VerificationFailed), name);
        var stored = await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default);
        Assert.That(stored!.LastUsedAt, Is.Null, name);
    }

    [Test]
    public async Task Malformed_response_still_spends_the_ceremony()
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var good = Authenticator.CreateCredential(start.Value!.OptionsJson);

        var bad = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, "{}");
        var retry = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, good);

        Assert.That(bad.Error?.Code, Is.EqualTo(PasskeyErrorCodes.MalformedResponse));
        Assert.That(retry.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
    }

    [Test]
    public void Cancellation_is_rethrown()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await Harness.Engine.BeginAuthenticationAsync("alice", cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    private static TestCaseData Case(string name, Func<string, string> mutate) => new TestCaseData(name, mutate).SetArgDisplayNames(name);

    private static string Edit(string json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }
}
