using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Configuration;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// WebAuthn Level 3 hints (§5.8.7) in the options of every ceremony: the configured ones
/// (<see cref="PasskeyOptions.Hints"/>), or the scope's own (<see cref="PasskeyClientContext.Hints"/>), in order.
/// </summary>
public class HintTests
{
    private static readonly string[] Names = ["security-key", "client-device", "hybrid"];

    // Every ordered list of distinct hints: none, 3 of one, 6 of two, 6 of three.
    public static IEnumerable<string[]> EveryList()
    {
        IEnumerable<string[]> Extend(string[] prefix) =>
            new[] { prefix }.Concat(Names.Except(prefix).SelectMany(n => Extend([.. prefix, n])));
        return Extend([]);
    }

    [Test]
    public void There_are_sixteen_lists_to_try() => Assert.That(EveryList().Count(), Is.EqualTo(16));

    [TestCaseSource(nameof(EveryList))]
    public async Task Every_ceremony_carries_the_configured_hints_in_order(string[] hints)
    {
        using var harness = new EngineHarness(o => o.Hints = [.. hints]);

        foreach (var (kind, options) in await EveryCeremonyAsync(harness))
        {
            Assert.That(HintsOf(options), Is.EqualTo(hints), kind);
        }
    }

    [TestCaseSource(nameof(EveryList))]
    public async Task The_scopes_hints_replace_the_configured_ones(string[] hints)
    {
        using var harness = new EngineHarness(o => o.Hints = ["hybrid"]);
        harness.Services.GetRequiredService<PasskeyClientContext>().Hints = hints;

        foreach (var (kind, options) in await EveryCeremonyAsync(harness))
        {
            Assert.That(HintsOf(options), Is.EqualTo(hints), kind);
        }
    }

    [Test]
    public async Task By_default_no_hint_is_sent()
    {
        using var harness = new EngineHarness();

        foreach (var (kind, options) in await EveryCeremonyAsync(harness))
        {
            Assert.That(HintsOf(options), Is.Empty, kind);
        }
    }

    [TestCase("client-device", "platform")]
    [TestCase("security-key", "cross-platform")]
    [TestCase("hybrid", "cross-platform")]
    public async Task A_creation_hint_also_sets_the_attachment_for_browsers_without_hints(string hint, string attachment)
    {
        using var harness = new EngineHarness(o => o.Hints = [hint]);

        var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));

        var options = JsonNode.Parse(start.Value!.OptionsJson)!;
        Assert.That((string?)options["authenticatorSelection"]!["authenticatorAttachment"], Is.EqualTo(attachment));
    }

    [Test]
    public async Task A_passkey_made_with_hints_signs_in_with_hints()
    {
        using var harness = new EngineHarness(o => o.Hints = ["client-device", "hybrid"]);
        var authenticator = CeremonyDriver.NewAuthenticator();
        await harness.RegisterOkAsync(authenticator, "alice");

        var result = await harness.LoginAsync(authenticator);

        Assert.That(result.Value?.User.UserName, Is.EqualTo("alice"), result.Error?.Code);
    }

    // Names near the real ones (case, spacing, underscores, the Level 3 draft's "platform"/"cross-platform"), and
    // every real name twice.
    public static IEnumerable<string[]> InvalidLists()
    {
        var near = new[] { "Security-Key", "security_key", " hybrid", "hybrid ", "client device", "platform", "cross-platform", "usb", "", "internal" };
        foreach (var name in near)
        {
            yield return [name];
            yield return ["hybrid", name];
        }

        foreach (var name in Names)
        {
            yield return [name, name];
        }
    }

    [TestCaseSource(nameof(InvalidLists))]
    public void A_configured_hint_that_is_not_one_fails_at_start_up_with_a_sentence(string[] hints)
    {
        var options = new PasskeyOptions { RelyingPartyId = "localhost", Origins = ["https://localhost"], Hints = [.. hints] };

        var result = new PasskeyOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Passkeys:Hints"));
    }

    private static async Task<(string Kind, string Options)[]> EveryCeremonyAsync(EngineHarness harness)
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        var alice = await harness.RegisterOkAsync(authenticator, "alice");
        var registration = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("bob"));
        var add = await harness.Engine.BeginAddCredentialAsync(alice.User.Id);
        var discoverable = await harness.Engine.BeginAuthenticationAsync();
        var named = await harness.Engine.BeginAuthenticationAsync("alice");
        var stepUp = await harness.Engine.BeginReauthenticationAsync(alice.User.Id);
        return [
            ("registration", registration.Value!.OptionsJson),
            ("add", add.Value!.OptionsJson),
            ("discoverable", discoverable.Value!.OptionsJson),
            ("username-first", named.Value!.OptionsJson),
            ("step-up", stepUp.Value!.OptionsJson),
        ];
    }

    private static string[] HintsOf(string optionsJson)
        => JsonNode.Parse(optionsJson)!["hints"]?.AsArray().Select(h => (string)h!).ToArray() ?? [];
}
