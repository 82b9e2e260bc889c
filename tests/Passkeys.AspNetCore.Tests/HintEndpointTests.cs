using System.Text.Json;
using System.Text.Json.Nodes;
using Passkeys.AspNetCore.Tests.Infrastructure;

namespace Passkeys.AspNetCore.Tests;

/// <summary>
/// The <c>hints</c> member of the options requests (register, login, credentials, reauthenticate): carried into the
/// options in order, the configured default otherwise, and anything but a list of WebAuthn hints refused with
/// 400 <c>invalid_hint</c> before a ceremony starts.
/// </summary>
public class HintEndpointTests
{
    private static readonly string[] Paths = ["/passkeys/register/options", "/passkeys/login/options", "/passkeys/credentials/options", "/passkeys/reauthenticate/options"];

    private PasskeysTestHost _host = null!;
    private PasskeyBrowser _ada = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await PasskeysTestHost.StartAsync(passkeys: o => o.Hints = ["hybrid"]);
        _ada = new PasskeyBrowser(_host);
        (await _ada.SignUpAsync("ada")).Dispose();
    }

    [TearDown]
    public async Task TearDown()
    {
        _ada.Dispose();
        await _host.DisposeAsync();
    }

    [TestCase("")]
    [TestCase("security-key")]
    [TestCase("client-device,hybrid")]
    [TestCase("hybrid,security-key,client-device")]
    public async Task Each_options_endpoint_carries_the_requests_hints_in_order(string list)
    {
        var hints = list.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in Paths)
        {
            using var response = await _ada.Client.PostJsonAsync(path, Body(path, JsonSerializer.Serialize(hints)));
            var options = await response.ReadJsonAsync();
            Assert.That(HintsOf(options), Is.EqualTo(hints), path);
        }
    }

    [Test]
    public async Task Without_hints_or_with_null_the_configured_default_applies()
    {
        foreach (var path in Paths)
        {
            foreach (var body in new[] { Body(path, hints: null), Body(path, "null") })
            {
                using var response = await _ada.Client.PostJsonAsync(path, body);
                var options = await response.ReadJsonAsync();
                Assert.That(HintsOf(options), Is.EqualTo(new[] { "hybrid" }), $"{path} {body}");
            }
        }
    }

    // Near misses of the real names, repeats, wrong JSON types, and too many.
    public static IEnumerable<string> InvalidHints()
    {
        foreach (var name in new[] { "Security-Key", "security_key", " hybrid", "hybrid ", "client device", "platform", "cross-platform", "usb", "", "internal", "hybrid\u0000" })
        {
            yield return JsonSerializer.Serialize(new[] { name });
            yield return JsonSerializer.Serialize(new[] { "client-device", name });
        }

        foreach (var name in new[] { "security-key", "client-device", "hybrid" })
        {
            yield return JsonSerializer.Serialize(new[] { name, name });
        }

        yield return "\"hybrid\"";
        yield return "42";
        yield return "{}";
        yield return "[42]";
        yield return "[null]";
        yield return "[[\"hybrid\"]]";
        yield return JsonSerializer.Serialize(Enumerable.Repeat("hybrid", 9));
    }

    [TestCaseSource(nameof(InvalidHints))]
    public async Task Anything_but_a_list_of_hints_is_400_invalid_hint_and_starts_no_ceremony(string hints)
    {
        foreach (var path in Paths)
        {
            using var response = await _ada.Client.PostJsonAsync(path, Body(path, hints));
            var problem = await response.ReadProblemAsync(400, "invalid_hint");
            Assert.That((string?)problem["detail"], Is.Not.Empty, path);
            Assert.That(_ada.Client.LastSetCookies.Where(c => c.Contains("Ceremony", StringComparison.Ordinal)), Is.Empty, $"{path}: no ceremony cookie");
        }
    }

    [Test]
    public async Task A_passkey_signs_in_with_hints_in_its_options()
    {
        using var options = await _ada.Client.PostJsonAsync("/passkeys/login/options", "{\"hints\":[\"client-device\"]}");
        var json = await options.Content.ReadAsStringAsync();
        using var response = await _ada.Client.PostJsonAsync("/passkeys/login", _ada.Authenticator.GetAssertion(json));

        await response.ReadJsonAsync();
    }

    private static string Body(string path, string? hints)
    {
        var body = path.Contains("register", StringComparison.Ordinal) ? new JsonObject { ["userName"] = "grace" } : [];
        if (hints is not null)
        {
            body["hints"] = JsonNode.Parse(hints);
        }

        return body.ToJsonString();
    }

    private static string[] HintsOf(JsonObject options) => options["hints"]?.AsArray().Select(h => (string)h!).ToArray() ?? [];
}
