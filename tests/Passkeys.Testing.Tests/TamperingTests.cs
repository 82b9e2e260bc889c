using System.Buffers.Text;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Testing.Tests;

public class TamperingTests
{
    private RelyingParty _rp = null!;
    private SoftwareAuthenticator _authenticator = null!;

    [SetUp]
    public void SetUp()
    {
        _rp = new RelyingParty();
        _authenticator = new SoftwareAuthenticator();
    }

    [Test]
    public async Task Assertion_with_tampered_origin_fails_origin_check()
    {
        var tampering = new SoftwareTampering { ClientData = c => c["origin"] = "https://evil.example" };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidAuthenticatorResponseOrigin));
    }

    [Test]
    public async Task Assertion_from_another_Origin_fails_origin_check()
    {
        var registered = await _rp.RegisterAsync(_authenticator);
        _authenticator.Origin = "https://localhost.evil.example";
        var options = _rp.AssertionOptions();

        var e = Assert.ThrowsAsync<Fido2VerificationException>(() => _rp.VerifyAsync(options, _authenticator.GetAssertion(options.ToJson()), registered.PublicKey, registered.SignCount));

        Assert.That(e.Code, Is.EqualTo(Fido2ErrorCode.InvalidAuthenticatorResponseOrigin));
    }

    [Test]
    public void Registration_with_tampered_origin_fails_origin_check()
    {
        var tampering = new SoftwareTampering { ClientData = c => c["origin"] = "https://evil.example" };

        Assert.That(RegistrationFailure(tampering), Is.EqualTo(Fido2ErrorCode.InvalidAuthenticatorResponseOrigin));
    }

    [Test]
    public async Task Assertion_with_tampered_challenge_fails_challenge_check()
    {
        var tampering = new SoftwareTampering { ClientData = c => c["challenge"] = Base64Url.EncodeToString(new byte[32]) };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidAuthenticatorResponseChallenge));
    }

    [Test]
    public async Task Assertion_with_registration_type_fails_type_check()
    {
        var tampering = new SoftwareTampering { ClientData = c => c["type"] = "webauthn.create" };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidAssertionResponse));
    }

    [Test]
    public async Task Client_data_is_tampered_before_signing_so_an_added_member_keeps_the_signature_valid()
    {
        var registered = await _rp.RegisterAsync(_authenticator);
        var options = _rp.AssertionOptions();
        var tampering = new SoftwareTampering { ClientData = c => c["other_keys_can_be_added_here"] = "x" };

        var json = _authenticator.GetAssertion(options.ToJson(), tampering);
        var result = await _rp.VerifyAsync(options, json, registered.PublicKey, registered.SignCount);

        Assert.Multiple(() =>
        {
            Assert.That(result.CredentialId, Is.EqualTo(registered.Id));
            Assert.That(ClientDataOf(json)["other_keys_can_be_added_here"]?.GetValue<string>(), Is.EqualTo("x"));
        });
    }

    [Test]
    public async Task Assertion_with_tampered_rp_id_fails_rp_id_hash_check()
    {
        var code = await AssertionFailureAsync(new SoftwareTampering { RpId = "evil.example" });

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidRpidHash));
    }

    [Test]
    public void Registration_with_tampered_rp_id_fails_rp_id_hash_check()
    {
        Assert.That(RegistrationFailure(new SoftwareTampering { RpId = "evil.example" }), Is.EqualTo(Fido2ErrorCode.InvalidRpidHash));
    }

    [Test]
    public async Task Assertion_with_authenticator_data_tampered_before_signing_fails_the_flag_check_not_the_signature()
    {
        var tampering = new SoftwareTampering { AuthenticatorData = data => ClearFlag(data, 0x01) };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.UserPresentFlagNotSet));
    }

    [Test]
    public async Task Registration_with_authenticator_data_tampered_before_signing_keeps_a_valid_packed_attestation()
    {
        _authenticator.Attestation = SoftwareAttestation.PackedSelf;
        var options = _rp.CreationOptions();
        var tampering = new SoftwareTampering { AuthenticatorData = data => SetFlag(data, 0x08) };

        var registered = await _rp.RegisterAsync(options, _authenticator.CreateCredential(options.ToJson(), tampering));

        Assert.Multiple(() =>
        {
            Assert.That(_authenticator.BackupEligible, Is.False);
            Assert.That(registered.IsBackupEligible, Is.True);
            Assert.That(registered.AttestationFormat, Is.EqualTo("packed"));
        });
    }

    [Test]
    public async Task Assertion_with_tampered_signature_fails_signature_check()
    {
        var tampering = new SoftwareTampering { Response = r => r["response"]!["signature"] = FlipLastByte((string)r["response"]!["signature"]!) };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidSignature));
    }

    [Test]
    public async Task Assertion_with_tampered_client_data_after_signing_fails_signature_check()
    {
        var tampering = new SoftwareTampering
        {
            Response = r =>
            {
                var clientData = JsonNode.Parse(Base64Url.DecodeFromChars((string)r["response"]!["clientDataJSON"]!))!;
                clientData["crossOrigin"] = false;
                clientData["extra"] = 1;
                r["response"]!["clientDataJSON"] = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(clientData.ToJsonString()));
            },
        };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidSignature));
    }

    [Test]
    public async Task Assertion_with_another_users_handle_fails_the_owner_check()
    {
        var tampering = new SoftwareTampering { Response = r => r["response"]!["userHandle"] = Base64Url.EncodeToString(new byte[32]) };

        var code = await AssertionFailureAsync(tampering);

        Assert.That(code, Is.EqualTo(Fido2ErrorCode.InvalidAssertionResponse));
    }

    private async Task<Fido2ErrorCode> AssertionFailureAsync(SoftwareTampering tampering)
    {
        var registered = await _rp.RegisterAsync(_authenticator);
        var options = _rp.AssertionOptions([new PublicKeyCredentialDescriptor(registered.Id)]);
        var json = _authenticator.GetAssertion(options.ToJson(), tampering);

        return Assert.ThrowsAsync<Fido2VerificationException>(() => _rp.VerifyAsync(options, json, registered.PublicKey, registered.SignCount)).Code;
    }

    private Fido2ErrorCode RegistrationFailure(SoftwareTampering tampering)
    {
        var options = _rp.CreationOptions();
        var json = _authenticator.CreateCredential(options.ToJson(), tampering);

        return Assert.ThrowsAsync<Fido2VerificationException>(() => _rp.RegisterAsync(options, json)).Code;
    }

    private static byte[] ClearFlag(byte[] data, byte flag)
    {
        data[32] &= (byte)~flag;
        return data;
    }

    private static byte[] SetFlag(byte[] data, byte flag)
    {
        data[32] |= flag;
        return data;
    }

    private static string FlipLastByte(string base64Url)
    {
        var bytes = Base64Url.DecodeFromChars(base64Url);
        bytes[^1] ^= 0x01;
        return Base64Url.EncodeToString(bytes);
    }

    private static JsonNode ClientDataOf(string json)
        => JsonNode.Parse(Base64Url.DecodeFromChars((string)JsonNode.Parse(json)!["response"]!["clientDataJSON"]!))!;
}
