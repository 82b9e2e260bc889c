using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine;

[TestFixture(AssertionPath.Fast)]
[TestFixture(AssertionPath.Fido2)]
public class HappyPathTests(AssertionPath path)
{
    private EngineHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new EngineHarness(path: path);

    [TearDown]
    public void TearDown() => _harness.Dispose();

    [Test, Combinatorial]
    public async Task Register_then_sign_in_by_name_and_without_a_name(
        [Values] SoftwareKeyAlgorithm algorithm, [Values] SoftwareAttestation attestation)
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.Algorithm = algorithm;
        authenticator.Attestation = attestation;

        var registered = await _harness.RegisterOkAsync(authenticator, "alice", "alice@example.com");
        var byName = await _harness.LoginAsync(authenticator, "alice");
        var discoverable = await _harness.LoginAsync(authenticator);

        Assert.Multiple(() =>
        {
            Assert.That(registered.Credential.AttestationFormat, Is.EqualTo(attestation == SoftwareAttestation.None ? "none" : "packed"));
            Assert.That(byName.Succeeded, Is.True, byName.Error?.Code);
            Assert.That(discoverable.Succeeded, Is.True, discoverable.Error?.Code);
            Assert.That(byName.Value?.User.Id, Is.EqualTo(registered.User.Id));
            Assert.That(discoverable.Value?.User.Id, Is.EqualTo(registered.User.Id));
        });
    }

    [Test]
    public async Task Registration_stores_the_user_and_the_full_credential_record_together()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.BackupEligible = true;
        authenticator.BackedUp = true;
        authenticator.Aaguid = Guid.Parse("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");
        authenticator.Transports = ["internal", "hybrid", "cable"];

        var registered = await _harness.RegisterOkAsync(authenticator, "alice", "alice@example.com");

        var user = await _harness.Users.FindByNameAsync("ALICE", default);
        var credential = await _harness.Credentials.FindByIdAsync(authenticator.Credentials[0].Id, default);
        Assert.Multiple(() =>
        {
            Assert.That(user?.Id, Is.EqualTo(registered.User.Id));
            Assert.That(user?.Email, Is.Null, "unverified until its owner follows the link");
            Assert.That(user?.PendingEmail, Is.EqualTo("alice@example.com"));
            Assert.That(user?.UserHandle, Is.EqualTo(authenticator.Credentials[0].UserHandle));
            Assert.That(user?.CreatedAt, Is.EqualTo(_harness.Time.GetUtcNow()));
            Assert.That(credential, Is.Not.Null);
            Assert.That(credential!.UserId, Is.EqualTo(registered.User.Id));
            Assert.That(credential.PublicKey, Is.EqualTo(authenticator.Credentials[0].PublicKey));
            Assert.That(credential.Transports, Is.EqualTo(new[] { "internal", "hybrid" }), "unknown transports are dropped");
            Assert.That(credential.Aaguid, Is.EqualTo(authenticator.Aaguid));
            Assert.That(credential.IsBackupEligible, Is.True);
            Assert.That(credential.IsBackedUp, Is.True);
            Assert.That(credential.IsUserVerified, Is.True);
            Assert.That(credential.SignCount, Is.Zero);
            Assert.That(credential.LastUsedAt, Is.Null);
        });
    }

    [Test]
    public async Task Sign_in_stores_the_reported_sign_count_backup_state_and_last_use()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        authenticator.BackupEligible = true;
        await _harness.RegisterOkAsync(authenticator, "alice");
        authenticator.Credentials[0].SignCount = 41;
        authenticator.BackedUp = true;
        _harness.Time.Advance(TimeSpan.FromHours(1));

        var result = await _harness.LoginAsync(authenticator, "alice");

        var stored = await _harness.Credentials.FindByIdAsync(authenticator.Credentials[0].Id, default);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error?.Code);
            Assert.That(stored!.SignCount, Is.EqualTo(42), "the reported count, not stored + 1");
            Assert.That(stored.IsBackedUp, Is.True);
            Assert.That(stored.LastUsedAt, Is.EqualTo(_harness.Time.GetUtcNow()));
            Assert.That(result.Value!.CounterRegressed, Is.False);
        });
    }

    [Test]
    public async Task Sign_in_with_an_authenticator_that_sends_no_user_handle_works_by_name()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        await _harness.RegisterOkAsync(authenticator, "alice");
        authenticator.ReturnUserHandle = false;

        var result = await _harness.LoginAsync(authenticator, "alice");

        Assert.That(result.Succeeded, Is.True, result.Error?.Code);
    }

    [Test]
    public async Task Sign_in_by_verified_email_address_finds_the_user()
    {
        var authenticator = CeremonyDriver.NewAuthenticator();
        await _harness.RegisterVerifiedAsync(authenticator, "alice", "alice@example.com");

        var result = await _harness.LoginAsync(authenticator, "Alice@Example.com");

        Assert.That(result.Value?.User.UserName, Is.EqualTo("alice"));
    }

    [Test]
    public async Task A_signed_in_user_adds_a_second_passkey_and_signs_in_with_either()
    {
        var phone = CeremonyDriver.NewAuthenticator();
        var laptop = CeremonyDriver.NewAuthenticator();
        laptop.Algorithm = SoftwareKeyAlgorithm.EdDSA;
        var alice = await _harness.RegisterOkAsync(phone, "alice");

        var start = await _harness.Engine.BeginAddCredentialAsync(alice.User.Id);
        var added = await _harness.Engine.CompleteAddCredentialAsync(start.Value!.CeremonyId, alice.User.Id, laptop.CreateCredential(start.Value.OptionsJson));

        Assert.That(added.Succeeded, Is.True, added.Error?.Code);
        Assert.That(await _harness.Credentials.ListByUserAsync(alice.User.Id, default), Has.Count.EqualTo(2));
        Assert.That((await _harness.LoginAsync(laptop, "alice")).Value?.User.Id, Is.EqualTo(alice.User.Id));
        Assert.That((await _harness.LoginAsync(phone)).Value?.User.Id, Is.EqualTo(alice.User.Id));
    }

    [Test]
    public async Task Adding_a_passkey_the_user_already_has_is_prevented_by_exclude_credentials()
    {
        var phone = CeremonyDriver.NewAuthenticator();
        var alice = await _harness.RegisterOkAsync(phone, "alice");

        var start = await _harness.Engine.BeginAddCredentialAsync(alice.User.Id);

        Assert.Throws<InvalidOperationException>(() => phone.CreateCredential(start.Value!.OptionsJson), "the authenticator sees itself excluded");
    }
}
