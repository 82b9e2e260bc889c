using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fido2NetLib.Objects;
using Microsoft.Extensions.DependencyInjection;
using Passkeys.Engine;
using Passkeys.Stores;
using Passkeys.Stores.InMemory;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// Sign-in answers must not say whether a user name has an account: a decoy and a real passkey, another person's
/// passkey for a real name and for an unknown one, a user without passkeys and an unknown name all fail alike.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class EnumerationTests(AssertionPath path)
{
    private EngineHarness _harness = null!;
    private SoftwareAuthenticator _alice = null!;
    private SoftwareAuthenticator _walt = null!;
    private SoftwareAuthenticator _mallory = null!;

    [SetUp]
    public async Task SetUp()
    {
        _harness = new EngineHarness(path: path);
        _alice = CeremonyDriver.NewAuthenticator();
        _walt = CeremonyDriver.NewAuthenticator();
        _walt.Algorithm = SoftwareKeyAlgorithm.RS256;
        _mallory = CeremonyDriver.NewAuthenticator();
        await _harness.RegisterOkAsync(_alice, "alice", "alice@example.com");
        await _harness.RegisterOkAsync(_walt, "walt");
        await _harness.RegisterOkAsync(_mallory, "mallory");
    }

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test]
    public async Task Another_persons_passkey_fails_alike_for_real_names_unknown_names_and_users_without_passkeys()
    {
        await SeedUserWithoutPasskeysAsync("carol");
        string[] names = ["alice", "ALICE", "alice@example.com", "walt", "carol", "nobody", "nobody@example.com", .. GhostNames(20)];

        var answers = new List<(string Name, string? Code, string? Message)>();
        foreach (var name in names)
        {
            var result = await _harness.LoginAsync(_mallory, name, credentialId: _mallory.Credentials[0].Id);
            answers.Add((name, result.Error?.Code, result.Error?.Message));
        }

        Assert.That(answers.Select(a => (a.Code, a.Message)).Distinct().ToList(), Is.EqualTo(new[]
        {
            ((string?)PasskeyErrorCodes.UnknownCredential, (string?)"The passkey was not one the sign-in options allowed."),
        }), string.Join("\n", answers));
    }

    [Test]
    public async Task A_made_up_assertion_for_a_listed_id_fails_alike_for_a_real_passkey_and_a_decoy()
    {
        var forgeries = Forgeries().ToList();
        var differences = new List<string>();
        var decoyAlgorithms = new HashSet<COSE.Algorithm>();
        for (var i = 0; i < forgeries.Count; i++)
        {
            // A different unknown name for each forgery, so the decoys' shapes (and stand-in keys) vary too.
            var ghost = $"ghost-{i}-{forgeries[i].Name}";
            var decoy = await ForgeAsync(ghost, forgeries[i], realOwner: null);
            decoyAlgorithms.Add(decoy.Algorithm);
            var real = await ForgeAsync(decoy.Algorithm == COSE.Algorithm.RS256 ? "walt" : "alice", forgeries[i], realOwner: decoy.Algorithm);
            if (real.Answer != decoy.Answer)
            {
                differences.Add($"{forgeries[i].Name}: real {real.Answer}, decoy {decoy.Answer}");
            }
        }

        Assert.That(differences, Is.Empty);
        Assert.That(decoyAlgorithms, Is.EquivalentTo(new[] { COSE.Algorithm.ES256, COSE.Algorithm.RS256 }), "both stand-in keys were used");
    }

    [Test]
    public async Task A_user_without_passkeys_gets_the_decoys_and_the_ceremony_of_an_unknown_name()
    {
        await SeedUserWithoutPasskeysAsync("carol");
        var decoys = _harness.Services.GetRequiredService<DecoyCredentials>().For("carol");

        var start = await _harness.Engine.BeginAuthenticationAsync("carol");

        var listed = JsonNode.Parse(start.Value!.OptionsJson)!["allowCredentials"]!.AsArray();
        Assert.That(listed.Select(c => Base64Url.DecodeFromChars((string)c!["id"]!)), Is.EqualTo(decoys.Select(d => d.Id)));
        var ceremony = await _harness.Ceremonies.TakeAsync(start.Value.CeremonyId, default);
        Assert.That(ceremony!.UserId, Is.Null, "the ceremony is the one an unknown name gets");
    }

    [Test]
    public async Task Stored_transports_are_listed_sorted_as_browsers_report_them_and_as_decoys_are()
    {
        var now = _harness.Time.GetUtcNow();
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32), "tess", now);
        var credential = new PasskeyCredential(RandomNumberGenerator.GetBytes(64), user.Id, [0xA5], 0, Guid.Empty, "none", false, now)
        {
            Transports = ["usb", "nfc", "usb"],
        };
        Assert.That(await _harness.Users.CreateAsync(user, credential, default), Is.EqualTo(PasskeyStoreResult.Success));

        var start = await _harness.Engine.BeginAuthenticationAsync("tess");

        var transports = JsonNode.Parse(start.Value!.OptionsJson)!["allowCredentials"]![0]!["transports"]!.AsArray().Select(t => (string?)t);
        Assert.That(transports, Is.EqualTo(new[] { "nfc", "usb" }));
    }

    [TestCase(new[] { "usb" }, new[] { "usb" })]
    [TestCase(new[] { "internal", "hybrid" }, new[] { "hybrid", "internal" })]
    [TestCase(new[] { "usb", "nfc" }, new[] { "nfc", "usb" })]
    [TestCase(new[] { "hybrid", "internal", "usb" }, null)]
    [TestCase(new[] { "ble" }, null)]
    [TestCase(new[] { "internal", "usb" }, null)]
    [TestCase(new[] { "smart-card", "usb" }, null)]
    [TestCase(new string[0], null)]
    public async Task A_real_passkey_is_listed_only_with_transports_a_decoy_can_have(string[] stored, string[]? listed)
    {
        var now = _harness.Time.GetUtcNow();
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32), "tess", now);
        var credential = new PasskeyCredential(RandomNumberGenerator.GetBytes(16), user.Id, [0xA5], 0, Guid.Empty, "none", false, now) { Transports = stored };
        Assert.That(await _harness.Users.CreateAsync(user, credential, default), Is.EqualTo(PasskeyStoreResult.Success));
        var decoyTransports = DecoyShapes.All.Select(s => string.Join(",", TransportNames.Format(s.Transports))).ToHashSet();

        var start = await _harness.Engine.BeginAuthenticationAsync("tess");

        var descriptor = JsonNode.Parse(start.Value!.OptionsJson)!["allowCredentials"]![0]!.AsObject();
        var transports = descriptor["transports"]?.AsArray().Select(t => (string)t!).ToArray();
        Assert.That(transports, Is.EqualTo(listed));
        Assert.That(decoyTransports, Does.Contain(string.Join(",", transports ?? [])), "a decoy can be listed so too");
    }

    [TestCase("alice", "nobody")]
    [TestCase("alice@example.com", "nobody@example.com")]
    [TestCase("carol", "nobody")]
    public async Task Options_for_a_name_with_and_without_an_account_do_the_same_store_work(string known, string unknown)
    {
        foreach (var joinsOwner in new[] { true, false })
        {
            using var harness = CountingHarness(joinsOwner, out var store);
            var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice", Email: "alice@example.com"));
            Assert.That((await harness.Engine.CompleteRegistrationAsync(start.Value!.CeremonyId, _alice.CreateCredential(start.Value.OptionsJson))).Succeeded, Is.True);
            await SeedUserWithoutPasskeysAsync("carol", harness);

            var forKnown = await CallsAsync(store, () => harness.Engine.BeginAuthenticationAsync(known));
            var forUnknown = await CallsAsync(store, () => harness.Engine.BeginAuthenticationAsync(unknown));

            Assert.That(forUnknown, Is.EqualTo(forKnown), $"joinsOwner: {joinsOwner}");
            Assert.That(forKnown, Does.Contain(nameof(IPasskeyCredentialStore.ListByUserAsync)));
        }
    }

    [Test]
    public async Task A_made_up_assertion_for_a_real_passkey_and_for_a_decoy_do_the_same_store_work()
    {
        foreach (var joinsOwner in new[] { true, false })
        {
            using var harness = CountingHarness(joinsOwner, out var store);
            var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
            Assert.That((await harness.Engine.CompleteRegistrationAsync(start.Value!.CeremonyId, _alice.CreateCredential(start.Value.OptionsJson))).Succeeded, Is.True);

            var forReal = await CallsAsync(store, () => ForgeWithAsync(harness, "alice"));
            var forDecoy = await CallsAsync(store, () => ForgeWithAsync(harness, "ghost-for-counting"));

            Assert.That(forDecoy, Is.EqualTo(forReal), $"joinsOwner: {joinsOwner}");
            Assert.That(forReal, Is.Not.Empty);
        }
    }

    private static IEnumerable<string> GhostNames(int count)
    {
        var random = new Random(1234);
        for (var i = 0; i < count; i++)
        {
            yield return $"ghost{random.Next():x}" + (i % 3 == 0 ? "@example.org" : string.Empty);
        }
    }

    // Every combination of what an attacker can choose in a response for an id they cannot sign for.
    private static IEnumerable<Forgery> Forgeries()
    {
        string[] handles = ["none", "own", "random"];
        string[] clientData = ["as-issued", "evil-origin", "other-challenge"];
        string[] signatures = ["own-key", "random-64", "random-256"];
        foreach (var handle in handles)
        {
            foreach (var data in clientData)
            {
                foreach (var presence in new[] { true, false })
                {
                    foreach (var signature in signatures)
                    {
                        yield return new Forgery($"{handle}.{data}.{(presence ? "up" : "no-up")}.{signature}", handle, data, presence, signature);
                    }
                }
            }
        }
    }

    private async Task<(string Answer, COSE.Algorithm Algorithm)> ForgeAsync(string userName, Forgery forgery, COSE.Algorithm? realOwner)
    {
        var start = await _harness.Engine.BeginAuthenticationAsync(userName);
        var target = Base64Url.DecodeFromChars((string)JsonNode.Parse(start.Value!.OptionsJson)!["allowCredentials"]![0]!["id"]!);
        var algorithm = realOwner ?? DecoyShapes.AlgorithmFor(target.Length);
        var result = await _harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, Forge(start.Value.OptionsJson, target, forgery));
        return ($"{result.Error?.Code}: {result.Error?.Message}", algorithm);
    }

    private async Task ForgeWithAsync(EngineHarness harness, string userName)
    {
        var start = await harness.Engine.BeginAuthenticationAsync(userName);
        var target = Base64Url.DecodeFromChars((string)JsonNode.Parse(start.Value!.OptionsJson)!["allowCredentials"]![0]!["id"]!);
        var result = await harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, Forge(start.Value.OptionsJson, target, Forgeries().First()));
        Assert.That(result.Succeeded, Is.False);
    }

    // Mallory signs with her own passkey, then names the target id: a response for a passkey she does not hold.
    private string Forge(string optionsJson, byte[] target, Forgery forgery)
    {
        var tampering = new SoftwareTampering
        {
            ClientData = c =>
            {
                if (forgery.ClientData == "evil-origin")
                {
                    c["origin"] = "https://evil.example";
                }
                else if (forgery.ClientData == "other-challenge")
                {
                    c["challenge"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
                }
            },
            AuthenticatorData = data =>
            {
                if (!forgery.UserPresent)
                {
                    data[32] &= 0xFE;
                }

                return data;
            },
            Response = r =>
            {
                r["id"] = Base64Url.EncodeToString(target);
                r["rawId"] = Base64Url.EncodeToString(target);
                var response = r["response"]!;
                response["userHandle"] = forgery.UserHandle switch
                {
                    "none" => null,
                    "random" => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
                    _ => response["userHandle"]?.DeepClone(),
                };
                if (forgery.Signature != "own-key")
                {
                    response["signature"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(forgery.Signature == "random-64" ? 64 : 256));
                }
            },
        };
        return _mallory.GetAssertion(optionsJson, tampering, _mallory.Credentials[0].Id);
    }

    private EngineHarness CountingHarness(bool joinsOwner, out CountingStore store)
    {
        var counting = joinsOwner ? new CountingOwnerStore(new InMemoryPasskeyStore()) : new CountingStore(new InMemoryPasskeyStore());
        store = counting;
        return new EngineHarness(path: path, services: s =>
        {
            s.AddSingleton<IPasskeyUserStore>(counting);
            s.AddSingleton<IPasskeyCredentialStore>(counting);
        });
    }

    private static async Task<string[]> CallsAsync(CountingStore store, Func<Task> action)
    {
        store.Calls.Clear();
        await action();
        return [.. store.Calls];
    }

    private async Task SeedUserWithoutPasskeysAsync(string userName, EngineHarness? harness = null)
    {
        harness ??= _harness;
        var now = harness.Time.GetUtcNow();
        var user = new PasskeyUser(Guid.NewGuid().ToString("N"), RandomNumberGenerator.GetBytes(32), userName, now);
        var credential = new PasskeyCredential(RandomNumberGenerator.GetBytes(16), user.Id, [0xA5], 0, Guid.Empty, "none", false, now);
        Assert.That(await harness.Users.CreateAsync(user, credential, default), Is.EqualTo(PasskeyStoreResult.Success));
        Assert.That(await harness.Credentials.DeleteAsync(user.Id, credential.CredentialId, allowLast: true, default), Is.EqualTo(PasskeyStoreResult.Success));
    }

    private sealed record Forgery(string Name, string UserHandle, string ClientData, bool UserPresent, string Signature);
}
