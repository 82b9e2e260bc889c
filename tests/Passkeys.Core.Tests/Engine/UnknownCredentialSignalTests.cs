namespace Passkeys.Core.Tests.Engine;

/// <summary>
/// <see cref="PasskeyErrorCodes.CredentialNotRegistered"/>, the one answer on which passkeys.js calls
/// <c>signalUnknownCredential</c> (and the passkey provider may forget the passkey): given only for a discoverable
/// sign-in whose response carries a user handle, never with a user name, without a handle, or to a step-up.
/// </summary>
[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class UnknownCredentialSignalTests(AssertionPath path) : EngineTestBase(path)
{
    [Test]
    public async Task A_deleted_passkey_in_a_discoverable_sign_in_is_not_registered()
    {
        var alice = await Harness.RegisterOkAsync(Authenticator, "alice");
        var deleted = await Harness.Credentials.DeleteAsync(alice.User.Id, alice.Credential.CredentialId, allowLast: true, default);
        Assert.That(deleted, Is.EqualTo(Stores.PasskeyStoreResult.Success));

        var result = await Harness.LoginAsync(Authenticator, credentialId: alice.Credential.CredentialId);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.CredentialNotRegistered));
    }

    [Test]
    public async Task A_deleted_passkey_without_a_user_handle_stays_unknown_credential()
    {
        var alice = await Harness.RegisterOkAsync(Authenticator, "alice");
        await Harness.Credentials.DeleteAsync(alice.User.Id, alice.Credential.CredentialId, allowLast: true, default);
        Authenticator.ReturnUserHandle = false;

        var result = await Harness.LoginAsync(Authenticator);

        Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential), "a provider that sends no handle may hold a stored passkey");
    }

    [Test]
    public async Task A_passkey_of_another_site_in_a_username_first_sign_in_is_never_not_registered()
    {
        var stranger = CeremonyDriver.NewAuthenticator();
        await Harness.RegisterOkAsync(Authenticator, "alice");
        using (var elsewhere = new EngineHarness(path: Path))
        {
            await elsewhere.RegisterOkAsync(stranger, "alice");
        }

        foreach (var name in new[] { "alice", "nobody" })
        {
            var start = await Harness.Engine.BeginAuthenticationAsync(name);
            var response = stranger.GetAssertion(start.Value!.OptionsJson, credentialId: stranger.Credentials[0].Id);
            var result = await Harness.Engine.CompleteAuthenticationAsync(start.Value.CeremonyId, response);

            Assert.That(result.Error?.Code, Is.EqualTo(PasskeyErrorCodes.UnknownCredential), name);
        }
    }

    [Test]
    public async Task A_step_up_never_answers_not_registered()
    {
        var alice = await Harness.RegisterOkAsync(Authenticator, "alice");
        var stranger = CeremonyDriver.NewAuthenticator();
        using (var elsewhere = new EngineHarness(path: Path))
        {
            await elsewhere.RegisterOkAsync(stranger, "mallory");
        }

        var start = await Harness.Engine.BeginReauthenticationAsync(alice.User.Id);
        var response = stranger.GetAssertion(start.Value!.OptionsJson, credentialId: stranger.Credentials[0].Id);
        var result = await Harness.Engine.CompleteReauthenticationAsync(start.Value.CeremonyId, alice.User.Id, response);

        Assert.That(result.Error?.Code, Is.Not.EqualTo(PasskeyErrorCodes.CredentialNotRegistered).And.Not.Null);
    }
}
