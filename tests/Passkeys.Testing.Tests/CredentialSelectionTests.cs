using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Testing.Tests;

public class CredentialSelectionTests
{
    [Test]
    public async Task Empty_allowCredentials_uses_the_first_discoverable_credential_for_the_rp_and_returns_its_user_handle()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        var registered = await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions();

        var json = authenticator.GetAssertion(options.ToJson());
        var result = await rp.VerifyAsync(options, json, registered.PublicKey, registered.SignCount);

        Assert.Multiple(() =>
        {
            Assert.That(result.CredentialId, Is.EqualTo(registered.Id));
            Assert.That(UserHandleOf(json), Is.EqualTo(System.Buffers.Text.Base64Url.EncodeToString(rp.UserHandle)));
        });
    }

    [Test]
    public void Empty_allowCredentials_skips_credentials_of_other_rps_and_non_discoverable_ones()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Discoverable = false };
        authenticator.CreateCredential(rp.CreationOptions().ToJson());
        authenticator.Discoverable = true;
        authenticator.CreateCredential(rp.CreationOptions().ToJson().Replace("\"id\":\"localhost\"", "\"id\":\"example.com\"", StringComparison.Ordinal));

        Assert.Throws<InvalidOperationException>(() => authenticator.GetAssertion(rp.AssertionOptions().ToJson()));
    }

    [Test]
    public async Task AllowCredentials_picks_the_listed_credential_the_authenticator_holds()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        await rp.RegisterAsync(authenticator);
        var second = await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions([new PublicKeyCredentialDescriptor(new byte[16]), new PublicKeyCredentialDescriptor(second.Id)]);

        var result = await rp.VerifyAsync(options, authenticator.GetAssertion(options.ToJson()), second.PublicKey, second.SignCount);

        Assert.That(result.CredentialId, Is.EqualTo(second.Id));
    }

    [Test]
    public void AllowCredentials_the_authenticator_does_not_hold_throw_like_NotAllowedError()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        authenticator.CreateCredential(rp.CreationOptions().ToJson());

        Assert.Throws<InvalidOperationException>(() => authenticator.GetAssertion(rp.AssertionOptions([new PublicKeyCredentialDescriptor(new byte[16])]).ToJson()));
    }

    [Test]
    public async Task An_explicit_credential_id_wins_over_allowCredentials()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        var first = await rp.RegisterAsync(authenticator);
        var second = await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions([new PublicKeyCredentialDescriptor(first.Id)]);

        var json = authenticator.GetAssertion(options.ToJson(), credentialId: second.Id);
        var e = Assert.ThrowsAsync<Fido2VerificationException>(() => rp.VerifyAsync(options, json, second.PublicKey, second.SignCount));

        Assert.Multiple(() =>
        {
            Assert.That((string?)JsonNode.Parse(json)!["rawId"], Is.EqualTo(System.Buffers.Text.Base64Url.EncodeToString(second.Id)));
            Assert.That(e.Code, Is.EqualTo(Fido2ErrorCode.InvalidAssertionResponse), "Fido2 refuses a credential the options did not allow.");
        });
    }

    [Test]
    public void No_credential_at_all_throws_like_NotAllowedError()
    {
        var authenticator = new SoftwareAuthenticator();

        Assert.Throws<InvalidOperationException>(() => authenticator.GetAssertion(new RelyingParty().AssertionOptions().ToJson()));
    }

    [Test]
    public async Task Without_ReturnUserHandle_the_user_handle_is_null_and_Fido2_still_accepts()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { ReturnUserHandle = false };
        var registered = await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions([new PublicKeyCredentialDescriptor(registered.Id)]);

        var json = authenticator.GetAssertion(options.ToJson());
        var result = await rp.VerifyAsync(options, json, registered.PublicKey, registered.SignCount);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.Parse(json)!["response"]!.AsObject().ContainsKey("userHandle"), Is.True);
            Assert.That(UserHandleOf(json), Is.Null);
            Assert.That(result.CredentialId, Is.EqualTo(registered.Id));
        });
    }

    [Test]
    public void A_non_discoverable_credential_returns_no_user_handle()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Discoverable = false };
        authenticator.CreateCredential(rp.CreationOptions().ToJson());
        var credential = authenticator.Credentials.Single();

        var json = authenticator.GetAssertion(rp.AssertionOptions([new PublicKeyCredentialDescriptor(credential.Id)]).ToJson());

        Assert.Multiple(() =>
        {
            Assert.That(credential.IsDiscoverable, Is.False);
            Assert.That(UserHandleOf(json), Is.Null);
        });
    }

    [Test]
    public async Task ExcludeCredentials_naming_a_held_credential_throws()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        var registered = await rp.RegisterAsync(authenticator);

        var options = rp.CreationOptions(exclude: [new PublicKeyCredentialDescriptor(registered.Id)]);

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => authenticator.CreateCredential(options.ToJson()));
            Assert.That(authenticator.Credentials, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void ExcludeCredentials_naming_other_credentials_do_not_stop_creation()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();

        authenticator.CreateCredential(rp.CreationOptions(exclude: [new PublicKeyCredentialDescriptor(new byte[16])]).ToJson());

        Assert.That(authenticator.Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_algorithm_missing_from_pubKeyCredParams_throws_like_NotSupportedError()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Algorithm = SoftwareKeyAlgorithm.EdDSA };

        var options = rp.CreationOptions(algorithms: [PubKeyCredParam.ES256, PubKeyCredParam.RS256]);

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => authenticator.CreateCredential(options.ToJson()));
            Assert.That(authenticator.Credentials, Is.Empty);
        });
    }

    [Test]
    public void A_required_resident_key_throws_when_not_Discoverable()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Discoverable = false };
        var selection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Preferred };

        Assert.Throws<InvalidOperationException>(() => authenticator.CreateCredential(rp.CreationOptions(selection).ToJson()));
    }

    [Test]
    public void Remove_forgets_the_credential()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        authenticator.CreateCredential(rp.CreationOptions().ToJson());
        authenticator.CreateCredential(rp.CreationOptions().ToJson());
        var removed = authenticator.Credentials[0];

        authenticator.Remove(removed.Id);

        Assert.Multiple(() =>
        {
            Assert.That(authenticator.Credentials, Has.Count.EqualTo(1));
            Assert.That(authenticator.Credentials[0].Id, Is.Not.EqualTo(removed.Id));
            Assert.Throws<InvalidOperationException>(() => authenticator.GetAssertion(rp.AssertionOptions().ToJson(), credentialId: removed.Id));
        });
    }

    [Test]
    public void Credentials_keep_the_user_entity_of_the_options()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();

        authenticator.CreateCredential(rp.CreationOptions().ToJson());

        var credential = authenticator.Credentials.Single();
        Assert.Multiple(() =>
        {
            Assert.That(credential.UserName, Is.EqualTo("ada"));
            Assert.That(credential.UserDisplayName, Is.EqualTo("Ada Lovelace"));
            Assert.That(credential.Id, Has.Length.EqualTo(16));
            Assert.That(credential.IsDiscoverable, Is.True);
        });
    }

    [Test]
    public void Malformed_options_throw_ArgumentException()
    {
        var authenticator = new SoftwareAuthenticator();

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => authenticator.CreateCredential("not json"));
            Assert.Throws<ArgumentException>(() => authenticator.CreateCredential("""{"rp":{"id":"localhost"},"user":{"id":"AQID"}}"""));
            Assert.Throws<ArgumentException>(() => authenticator.GetAssertion("""{"challenge":"AQID"}"""));
        });
    }

    private static string? UserHandleOf(string json) => (string?)JsonNode.Parse(json)!["response"]!["userHandle"];
}
