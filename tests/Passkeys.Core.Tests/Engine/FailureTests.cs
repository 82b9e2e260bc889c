using System.Text;
using System.Text.Json.Nodes;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class FailureTests(AssertionPath path) : EngineTestBase(path)
{
    [Test]
    public async Task Replayed_registration_response_is_rejected_and_stores_nothing_more()
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var response = Authenticator.CreateCredential(start.Value!.OptionsJson);

        var first = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);
        var replay = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

        Assert.That(first.Succeeded, Is.True);
        Assert.That(replay.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
    }

    [Test]
    public async Task Login_with_replayed_assertion_is_rejected()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");
        var assertion = Authenticator.GetAssertion(start.Value!.OptionsJson);

        var first = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, assertion);
        var replay = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, assertion);

        Assert.That(first.Succeeded, Is.True);
        Assert.That(replay.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
    }

    [Test]
    public async Task Assertion_for_one_ceremony_is_rejected_in_another()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var first = await Harness.Engine.BeginAuthenticationAsync("alice");
        var second = await Harness.Engine.BeginAuthenticationAsync("alice");

        var result = await Harness.Engine.CompleteAuthenticationAsync(second.Value!.CeremonyId, Authenticator.GetAssertion(first.Value!.OptionsJson));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeMismatch));
    }

    [Test]
    public async Task Expired_ceremony_is_rejected()
    {
        var start = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));
        var response = Authenticator.CreateCredential(start.Value!.OptionsJson);
        Harness.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await Harness.Engine.CompleteRegistrationAsync(start.Value.CeremonyId, response);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
        Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null);
    }

    [Test]
    public async Task Unknown_ceremony_id_is_rejected()
    {
        var result = await Harness.Engine.CompleteAuthenticationAsync("no-such-ceremony", "{}");
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ChallengeNotFound));
    }

    [Test]
    public async Task Response_for_another_ceremony_type_is_rejected()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var login = await Harness.Engine.BeginAuthenticationAsync("alice");
        var assertion = Authenticator.GetAssertion(login.Value!.OptionsJson);

        var result = await Harness.Engine.CompleteRegistrationAsync(login.Value.CeremonyId, assertion);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CeremonyMismatch));
    }

    [Test]
    public async Task Registration_from_a_wrong_origin_is_rejected()
    {
        Authenticator.Origin = "https://evil.example";
        var result = await Harness.RegisterAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.OriginMismatch));
        Assert.That(await Harness.Users.FindByNameAsync("alice", default), Is.Null);
    }

    [Test]
    public async Task Assertion_from_a_wrong_origin_is_rejected()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        Authenticator.Origin = "https://localhost.evil.example";

        var result = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.OriginMismatch));
    }

    [Test]
    public async Task Wrong_rp_id_hash_is_rejected_in_registration_and_login()
    {
        var registration = await Harness.RegisterAsync(Authenticator, "alice", tampering: new SoftwareTampering { RpId = "evil.example" });
        await Harness.RegisterOkAsync(Authenticator, "bob");
        var login = await Harness.LoginAsync(Authenticator, "bob", new SoftwareTampering { RpId = "evil.example" });

        Assert.Multiple(() =>
        {
            Assert.That(registration.Error?.Code, Is.EqualTo(PasskeyErrorCodes.RpIdMismatch));
            Assert.That(login.Error?.Code, Is.EqualTo(PasskeyErrorCodes.RpIdMismatch));
        });
    }

    [Test]
    public async Task Wrong_client_data_type_is_rejected()
    {
        var registration = await Harness.RegisterAsync(Authenticator, "alice", tampering: new SoftwareTampering { ClientData = c => c["type"] = "webauthn.get" });
        await Harness.RegisterOkAsync(Authenticator, "bob");
        var login = await Harness.LoginAsync(Authenticator, "bob", new SoftwareTampering { ClientData = c => c["type"] = "webauthn.create" });

        Assert.Multiple(() =>
        {
            Assert.That(registration.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ClientDataTypeMismatch));
            Assert.That(login.Error?.Code, Is.EqualTo(PasskeyErrorCodes.ClientDataTypeMismatch));
        });
    }

    [Test]
    public async Task Tampered_signature_is_rejected_and_leaves_the_counter_alone()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var before = await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default);

        var result = await Harness.LoginAsync(Authenticator, "alice", new SoftwareTampering
        {
            Response = r => r["response"]!["signature"] = FlipAByte((string)r["response"]!["signature"]!),
        });

        var after = await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default);
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.SignatureInvalid));
        Assert.That(after!.SignCount, Is.EqualTo(before!.SignCount));
        Assert.That(after.LastUsedAt, Is.Null);
    }

    [Test]
    public async Task Client_data_changed_after_signing_fails_the_signature()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var result = await Harness.LoginAsync(Authenticator, "alice", new SoftwareTampering
        {
            Response = r =>
            {
                var clientData = JsonNode.Parse(Base64UrlDecode((string)r["response"]!["clientDataJSON"]!))!;
                clientData["crossOrigin"] = false;
                clientData["extra"] = "x";
                r["response"]!["clientDataJSON"] = Base64UrlEncode(Encoding.UTF8.GetBytes(clientData.ToJsonString()));
            },
        });

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.SignatureInvalid));
    }

    [Test]
    public async Task Counter_going_backwards_is_rejected_by_default()
    {
        Authenticator.Counter = SoftwareCounter.GoingBackwards;
        await Harness.RegisterOkAsync(Authenticator, "alice");

        var first = await Harness.LoginAsync(Authenticator, "alice");
        var second = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(first.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CounterRegressed), "999 after 1000 at registration");
        Assert.That(second.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CounterRegressed));
        Assert.That((await Harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!.SignCount, Is.EqualTo(1000));
    }

    [Test]
    public async Task Counter_going_backwards_is_accepted_and_flagged_when_the_policy_says_so()
    {
        using var harness = new EngineHarness(o => o.SignCountRegression = SignCountRegressionPolicy.AcceptAndFlag, path: Path);
        Authenticator.Counter = SoftwareCounter.GoingBackwards;
        await harness.RegisterOkAsync(Authenticator, "alice");

        var result = await harness.LoginAsync(Authenticator, "alice");

        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
        Assert.That(result.Value!.CounterRegressed, Is.True);
        Assert.That((await harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!.SignCount, Is.EqualTo(999));
    }

    // A password manager that stopped counting: stored 3, then 0 every time. Synced, so accepted and flagged by default;
    // the same from a device-bound key, or under Reject, is refused.
    [TestCase(true, null, true)]
    [TestCase(false, null, false)]
    [TestCase(true, SignCountRegressionPolicy.Reject, false)]
    [TestCase(false, SignCountRegressionPolicy.AcceptAndFlag, true)]
    public async Task A_provider_that_stops_counting_is_accepted_for_a_synced_passkey_and_refused_for_a_device_bound_one(bool synced, SignCountRegressionPolicy? policy, bool accepted)
    {
        using var harness = new EngineHarness(o => o.SignCountRegression = policy ?? o.SignCountRegression, path: Path);
        Authenticator.BackupEligible = synced;
        await harness.RegisterOkAsync(Authenticator, "alice");
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
        }

        Authenticator.Counter = SoftwareCounter.AlwaysZero;
        var result = await harness.LoginAsync(Authenticator, "alice");

        var stored = (await harness.Credentials.FindByIdAsync(Authenticator.Credentials[0].Id, default))!.SignCount;
        if (accepted)
        {
            Assert.That((result.Succeeded, result.Value?.CounterRegressed, stored), Is.EqualTo((true, (bool?)true, 0u)));
            Assert.That((await harness.LoginAsync(Authenticator, "alice")).Value?.CounterRegressed, Is.False, "zero after zero is no regression");
        }
        else
        {
            Assert.That((result.Error?.Code, stored), Is.EqualTo((PasskeyErrorCodes.CounterRegressed, 3u)));
        }
    }

    [Test]
    public async Task Counter_that_stays_at_zero_is_not_a_regression()
    {
        Authenticator.Counter = SoftwareCounter.AlwaysZero;
        await Harness.RegisterOkAsync(Authenticator, "alice");

        Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
        Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
    }

    [Test]
    public async Task Repeating_a_counter_value_is_a_regression()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        Assert.That((await Harness.LoginAsync(Authenticator, "alice")).Succeeded, Is.True);
        Authenticator.Credentials[0].SignCount = 0;

        var result = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CounterRegressed), "1 again after 1");
    }

    [Test]
    public async Task User_verification_required_but_absent_is_rejected()
    {
        Authenticator.UserVerified = false;
        var registration = await Harness.RegisterAsync(Authenticator, "alice");
        Authenticator.UserVerified = true;
        await Harness.RegisterOkAsync(Authenticator, "bob");
        Authenticator.UserVerified = false;
        var login = await Harness.LoginAsync(Authenticator, "bob");

        Assert.Multiple(() =>
        {
            Assert.That(registration.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserVerificationRequired));
            Assert.That(login.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserVerificationRequired));
        });
    }

    [Test]
    public async Task User_verification_may_be_absent_when_only_preferred()
    {
        using var harness = new EngineHarness(o => o.UserVerification = Fido2NetLib.Objects.UserVerificationRequirement.Preferred, path: Path);
        Authenticator.UserVerified = false;
        var registered = await harness.RegisterOkAsync(Authenticator, "alice");
        Assert.That(registered.Credential.IsUserVerified, Is.False);

        Authenticator.UserVerified = true;
        var verified = await harness.LoginAsync(Authenticator, "alice");
        Authenticator.UserVerified = false;
        var result = await harness.LoginAsync(Authenticator, "alice");

        Assert.That(verified.Value?.Credential.IsUserVerified, Is.True);
        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
        Assert.That(result.Value!.Credential.IsUserVerified, Is.False);
    }

    [Test]
    public async Task User_presence_missing_is_rejected()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        Authenticator.UserPresent = false;

        var result = await Harness.LoginAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UserPresenceRequired));
    }

    [Test]
    public async Task Backed_up_without_backup_eligibility_is_rejected()
    {
        Authenticator.BackedUp = true;
        var registration = await Harness.RegisterAsync(Authenticator, "alice");
        Authenticator.BackedUp = false;
        await Harness.RegisterOkAsync(Authenticator, "bob");
        Authenticator.BackedUp = true;
        var login = await Harness.LoginAsync(Authenticator, "bob");

        Assert.Multiple(() =>
        {
            Assert.That(registration.Error?.Code, Is.EqualTo(PasskeyErrorCodes.BackupFlagsInvalid));
            Assert.That(login.Error?.Code, Is.EqualTo(PasskeyErrorCodes.BackupFlagsInvalid));
        });
    }

    [Test]
    public async Task Backup_policy_refuses_device_bound_passkeys_when_synced_ones_are_required()
    {
        using var harness = new EngineHarness(o => o.BackupEligibility = BackupFlagPolicy.Required, path: Path);

        var result = await harness.RegisterAsync(Authenticator, "alice");

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.BackupFlagsInvalid));
    }

    [Test]
    public async Task Algorithm_not_offered_is_not_accepted()
    {
        using var harness = new EngineHarness(o => o.Algorithms = [Fido2NetLib.Objects.COSE.Algorithm.ES256], path: Path);
        Authenticator.Algorithm = SoftwareKeyAlgorithm.RS256;
        var start = await harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("alice"));

        Assert.Throws<InvalidOperationException>(() => Authenticator.CreateCredential(start.Value!.OptionsJson), "a browser refuses too");
    }

    [Test]
    public async Task Unknown_credential_with_a_user_handle_is_rejected_as_not_registered()
    {
        var stranger = CeremonyDriver.NewAuthenticator();
        await Harness.RegisterOkAsync(Authenticator, "alice");
        using (var elsewhere = new EngineHarness(path: Path))
        {
            await elsewhere.RegisterOkAsync(stranger, "mallory");
        }

        var result = await Harness.LoginAsync(stranger);

        // Discoverable, with a user handle: the definite answer the passkey provider may act on.
        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CredentialNotRegistered));
    }

    [Test]
    public async Task Another_users_credential_in_username_first_login_is_rejected()
    {
        var bobs = CeremonyDriver.NewAuthenticator();
        await Harness.RegisterOkAsync(Authenticator, "alice");
        await Harness.RegisterOkAsync(bobs, "bob");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");
        var bobsCredential = bobs.Credentials[0].Id;

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId, bobs.GetAssertion(start.Value.OptionsJson, credentialId: bobsCredential));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential));
    }

    [Test]
    public async Task Another_users_credential_without_user_handle_is_still_rejected()
    {
        var bobs = CeremonyDriver.NewAuthenticator();
        bobs.ReturnUserHandle = false;
        await Harness.RegisterOkAsync(Authenticator, "alice");
        await Harness.RegisterOkAsync(bobs, "bob");
        var start = await Harness.Engine.BeginAuthenticationAsync("alice");

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId, bobs.GetAssertion(start.Value.OptionsJson, credentialId: bobs.Credentials[0].Id));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential));
    }

    [TestCase("alice")]
    [TestCase(null)]
    public async Task User_handle_that_does_not_own_the_credential_is_rejected(string? userName)
    {
        var bobs = CeremonyDriver.NewAuthenticator();
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var bob = await Harness.RegisterOkAsync(bobs, "bob");

        var result = await Harness.LoginAsync(Authenticator, userName, tampering: new SoftwareTampering
        {
            Response = r => r["response"]!["userHandle"] = Base64UrlEncode(bob.User.UserHandle),
        });

        // Discoverable, the id and handle name no passkey together: the answer for an id that is not stored.
        Assert.That(result.Error?.Code, Is.EqualTo(userName is null ? PasskeyErrorCodes.CredentialNotRegistered : PasskeyErrorCodes.UserHandleMismatch));
    }

    [Test]
    public async Task Discoverable_login_without_a_user_handle_is_rejected_as_an_unknown_passkey()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        Authenticator.ReturnUserHandle = false;

        var result = await Harness.LoginAsync(Authenticator);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential));
    }

    [Test]
    public async Task Unknown_user_name_fails_like_any_bad_credential()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var start = await Harness.Engine.BeginAuthenticationAsync("nobody");

        var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value!.CeremonyId,
            Authenticator.GetAssertion(start.Value.OptionsJson, credentialId: Authenticator.Credentials[0].Id));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential));
    }

    [Test]
    public async Task Duplicate_credential_id_is_rejected_and_creates_no_user()
    {
        await Harness.RegisterOkAsync(Authenticator, "alice");
        var first = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("carol"));
        var firstResponse = Authenticator.CreateCredential(first.Value!.OptionsJson);
        Assert.That((await Harness.Engine.CompleteRegistrationAsync(first.Value.CeremonyId, firstResponse)).Succeeded, Is.True);

        // The same attestation object (unsigned with "none") presented again for a new account.
        var second = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("dave"));
        var replayed = ReplaceClientData(firstResponse, second.Value!.OptionsJson, "webauthn.create");
        var result = await Harness.Engine.CompleteRegistrationAsync(second.Value.CeremonyId, replayed);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.DuplicateCredential));
        Assert.That(await Harness.Users.FindByNameAsync("dave", default), Is.Null);
    }

    [Test]
    public async Task Adding_another_users_credential_is_rejected()
    {
        var alice = await Harness.RegisterOkAsync(Authenticator, "alice");
        var bobs = CeremonyDriver.NewAuthenticator();
        var bobStart = await Harness.Engine.BeginRegistrationAsync(new PasskeyRegistrationRequest("bob"));
        var bobResponse = bobs.CreateCredential(bobStart.Value!.OptionsJson);
        await Harness.Engine.CompleteRegistrationAsync(bobStart.Value.CeremonyId, bobResponse);

        var add = await Harness.Engine.BeginAddCredentialAsync(alice.User.Id);
        var result = await Harness.Engine.CompleteAddCredentialAsync(add.Value!.CeremonyId, alice.User.Id, ReplaceClientData(bobResponse, add.Value.OptionsJson, "webauthn.create"));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.DuplicateCredential));
        Assert.That((await Harness.Credentials.FindByIdAsync(bobs.Credentials[0].Id, default))!.UserId, Is.Not.EqualTo(alice.User.Id));
    }

    [Test]
    public async Task Add_credential_ceremony_of_another_user_is_rejected()
    {
        var alice = await Harness.RegisterOkAsync(Authenticator, "alice");
        var bob = await Harness.RegisterOkAsync(CeremonyDriver.NewAuthenticator(), "bob");
        var start = await Harness.Engine.BeginAddCredentialAsync(alice.User.Id);

        var result = await Harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, bob.User.Id,
            CeremonyDriver.NewAuthenticator().CreateCredential(start.Value.OptionsJson));

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CeremonyMismatch));
    }

    private static string ReplaceClientData(string responseJson, string optionsJson, string type)
    {
        var response = JsonNode.Parse(responseJson)!;
        var clientData = new JsonObject
        {
            ["type"] = type,
            ["challenge"] = (string)JsonNode.Parse(optionsJson)!["challenge"]!,
            ["origin"] = EngineHarness.Origin,
            ["crossOrigin"] = false,
        };
        response["response"]!["clientDataJSON"] = Base64UrlEncode(Encoding.UTF8.GetBytes(clientData.ToJsonString()));
        return response.ToJsonString();
    }

    // Flips a bit inside the signature value (not in base64url padding bits, which decoders may ignore).
    private static string FlipAByte(string base64Url)
    {
        var bytes = Base64UrlDecode(base64Url);
        bytes[bytes.Length / 2] ^= 0x01;
        return Base64UrlEncode(bytes);
    }

    internal static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    internal static byte[] Base64UrlDecode(string s) => System.Buffers.Text.Base64Url.DecodeFromChars(s);
}
