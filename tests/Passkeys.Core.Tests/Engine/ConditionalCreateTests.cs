using System.Text.Json.Nodes;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// The automatic passkey upgrade: a password manager creates the passkey without asking (UP=0, UV=0), which WebAuthn
/// §7.1 step 14 allows for a conditional create only.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class ConditionalCreateTests(AssertionPath path) : EngineTestBase(path)
{
    [Test]
    public async Task A_passkey_created_without_presence_or_verification_is_added_by_a_conditional_create_and_signs_in_later()
    {
        var (user, phone) = await RegisterAsync("alice");
        var laptop = Silent(CeremonyDriver.NewAuthenticator());

        var added = await AddConditionallyAsync(user.Id, laptop);

        Assert.That(added.Succeeded, Is.True, added.Error?.Code);
        Assert.That(added.Value!.Credential.IsUserVerified, Is.False);
        Assert.That(await Harness.Credentials.ListByUserAsync(user.Id, default), Has.Count.EqualTo(2));

        laptop.UserPresent = laptop.UserVerified = true;
        var signIn = await Harness.LoginAsync(laptop, "alice");
        Assert.That(signIn.Value?.Credential.CredentialId, Is.EqualTo(laptop.Credentials[0].Id));
        Assert.That(phone.Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Without_presence_the_ordinary_ceremonies_still_refuse_and_store_nothing()
    {
        var (user, _) = await RegisterAsync("alice");
        var silent = Silent(CeremonyDriver.NewAuthenticator());

        var signUp = await Harness.RegisterAsync(silent, "bob");
        var start = await Harness.Engine.BeginAddCredentialAsync(user.Id);
        var add = await Harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, user.Id, silent.CreateCredential(start.Value.OptionsJson));

        Assert.That((signUp.Error?.Code, add.Error?.Code), Is.EqualTo((PasskeyErrorCodes.UserPresenceRequired, PasskeyErrorCodes.UserPresenceRequired)));
        Assert.That(await Harness.Credentials.ListByUserAsync(user.Id, default), Has.Count.EqualTo(1));
        Assert.That(await Harness.Users.FindByNameAsync("bob", default), Is.Null);
    }

    // Nothing signs the authenticator data of a "none" attestation, so its UP flag is the one thing marked before
    // Fido2 verifies; a signed attestation without presence cannot be marked and is refused.
    [Test]
    public async Task A_signed_attestation_without_presence_is_refused_even_in_a_conditional_create()
    {
        var (user, _) = await RegisterAsync("alice");
        var silent = Silent(CeremonyDriver.NewAuthenticator());
        silent.Attestation = SoftwareAttestation.PackedSelf;

        var added = await AddConditionallyAsync(user.Id, silent);

        Assert.That(added.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserPresenceRequired));
        Assert.That(await Harness.Credentials.ListByUserAsync(user.Id, default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_conditional_ceremony_and_an_ordinary_one_cannot_complete_each_other()
    {
        var (user, _) = await RegisterAsync("alice");
        var silent = Silent(CeremonyDriver.NewAuthenticator());

        var conditional = await Harness.Engine.BeginConditionalAddCredentialAsync(user.Id);
        var asOrdinary = await Harness.Engine.CompleteAddCredentialAsync(conditional.Value!.CeremonyId, user.Id, silent.CreateCredential(conditional.Value.OptionsJson));
        var ordinary = await Harness.Engine.BeginAddCredentialAsync(user.Id);
        var asConditional = await Harness.Engine.CompleteConditionalAddCredentialAsync(ordinary.Value!.CeremonyId, user.Id, silent.CreateCredential(ordinary.Value.OptionsJson));

        Assert.That(asOrdinary.Succeeded || asConditional.Succeeded, Is.False);
        Assert.That(await Harness.Credentials.ListByUserAsync(user.Id, default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_conditional_ceremony_is_for_the_user_it_was_started_for()
    {
        var (alice, _) = await RegisterAsync("alice");
        var (bob, _) = await RegisterAsync("bob");
        var silent = Silent(CeremonyDriver.NewAuthenticator());

        var start = await Harness.Engine.BeginConditionalAddCredentialAsync(alice.Id);
        var result = await Harness.Engine.CompleteConditionalAddCredentialAsync(start.Value!.CeremonyId, bob.Id, silent.CreateCredential(start.Value.OptionsJson));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CeremonyMismatch));
    }

    [Test]
    public async Task Conditional_options_ask_for_no_attestation_and_verification_only_as_preferred_whatever_the_settings()
    {
        using var harness = new EngineHarness(o => o.Attestation = Fido2NetLib.Objects.AttestationConveyancePreference.Direct, path: Path);
        var registered = await harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "alice");

        var conditional = JsonNode.Parse((await harness.Engine.BeginConditionalAddCredentialAsync(registered.User.Id)).Value!.OptionsJson)!;
        var ordinary = JsonNode.Parse((await harness.Engine.BeginAddCredentialAsync(registered.User.Id)).Value!.OptionsJson)!;

        Assert.That((string?)conditional["attestation"], Is.EqualTo("none"));
        Assert.That((string?)conditional["authenticatorSelection"]!["userVerification"], Is.EqualTo("preferred"));
        Assert.That((string?)ordinary["attestation"], Is.EqualTo("direct"));
        Assert.That((string?)ordinary["authenticatorSelection"]!["userVerification"], Is.EqualTo("required"));
        Assert.That(conditional["excludeCredentials"]!.AsArray(), Has.Count.EqualTo(1), "the passkey it has is excluded");
    }

    private async Task<(PasskeyUser User, SoftwareAuthenticator Authenticator)> RegisterAsync(string name)
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        return ((await Harness.RegisterOkAsync(authenticator, name)).User, authenticator);
    }

    private async Task<PasskeyResult<PasskeyRegistration>> AddConditionallyAsync(string userId, SoftwareAuthenticator authenticator)
    {
        var start = await Harness.Engine.BeginConditionalAddCredentialAsync(userId);
        return await Harness.Engine.CompleteConditionalAddCredentialAsync(start.Value!.CeremonyId, userId, authenticator.CreateCredential(start.Value.OptionsJson));
    }

    private static SoftwareAuthenticator Silent(SoftwareAuthenticator authenticator)
    {
        authenticator.UserPresent = false;
        authenticator.UserVerified = false;
        return authenticator;
    }
}
