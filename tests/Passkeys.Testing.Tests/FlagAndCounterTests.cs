using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;

namespace Passkeys.Testing.Tests;

public class FlagAndCounterTests
{
    [TestCase(true, true, false, false)]
    [TestCase(false, false, false, false)]
    [TestCase(true, false, true, false)]
    [TestCase(true, true, true, true)]
    [TestCase(false, true, false, true)]
    public void Flags_come_out_as_configured_in_registration_and_assertion(bool userPresent, bool userVerified, bool backupEligible, bool backedUp)
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator
        {
            UserPresent = userPresent,
            UserVerified = userVerified,
            BackupEligible = backupEligible,
            BackedUp = backedUp,
        };
        var selection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Preferred, UserVerification = UserVerificationRequirement.Preferred };

        var created = RelyingParty.AuthenticatorDataOf(authenticator.CreateCredential(rp.CreationOptions(selection).ToJson()));
        var asserted = RelyingParty.AuthenticatorDataOf(authenticator.GetAssertion(rp.AssertionOptions().ToJson()));

        Assert.Multiple(() =>
        {
            foreach (var data in new[] { created, asserted })
            {
                Assert.That(data.UserPresent, Is.EqualTo(userPresent));
                Assert.That(data.UserVerified, Is.EqualTo(userVerified));
                Assert.That(data.IsBackupEligible, Is.EqualTo(backupEligible));
                Assert.That(data.IsBackedUp, Is.EqualTo(backedUp));
                Assert.That(data.RpIdHash, Is.EqualTo(System.Security.Cryptography.SHA256.HashData("localhost"u8)));
            }

            Assert.That(created.HasAttestedCredentialData, Is.True);
            Assert.That(asserted.HasAttestedCredentialData, Is.False);
            Assert.That(created.AttestedCredentialData!.CredentialId, Is.EqualTo(authenticator.Credentials.Single().Id));
        });
    }

    [Test]
    public void Discouraged_user_verification_leaves_the_UV_flag_clear()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { UserVerified = true };

        var created = RelyingParty.AuthenticatorDataOf(authenticator.CreateCredential(rp.CreationOptions(new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Preferred, UserVerification = UserVerificationRequirement.Discouraged }).ToJson()));
        var asserted = RelyingParty.AuthenticatorDataOf(authenticator.GetAssertion(rp.AssertionOptions(userVerification: UserVerificationRequirement.Discouraged).ToJson()));

        Assert.Multiple(() =>
        {
            Assert.That(created.UserVerified, Is.False);
            Assert.That(asserted.UserVerified, Is.False);
        });
    }

    [Test]
    public async Task Required_user_verification_without_UV_is_refused_by_the_relying_party()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        var registered = await rp.RegisterAsync(authenticator);
        authenticator.UserVerified = false;
        var options = rp.AssertionOptions(userVerification: UserVerificationRequirement.Required);

        var e = Assert.ThrowsAsync<Fido2VerificationException>(() => rp.VerifyAsync(options, authenticator.GetAssertion(options.ToJson()), registered.PublicKey, registered.SignCount));

        Assert.That(e.Code, Is.EqualTo(Fido2ErrorCode.UserVerificationRequirementNotMet));
    }

    [Test]
    public void Incrementing_counter_starts_at_zero_and_counts_each_assertion()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Counter = SoftwareCounter.Incrementing };

        var counts = SignCounts(rp, authenticator, assertions: 3);

        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.EqualTo(new uint[] { 0, 1, 2, 3 }));
            Assert.That(authenticator.Credentials.Single().SignCount, Is.EqualTo(3u));
        });
    }

    [Test]
    public void AlwaysZero_counter_is_zero_every_time()
    {
        var authenticator = new SoftwareAuthenticator { Counter = SoftwareCounter.AlwaysZero };

        var counts = SignCounts(new RelyingParty(), authenticator, assertions: 3);

        Assert.That(counts, Is.EqualTo(new uint[] { 0, 0, 0, 0 }));
    }

    [Test]
    public void GoingBackwards_counter_starts_high_and_decreases()
    {
        var authenticator = new SoftwareAuthenticator { Counter = SoftwareCounter.GoingBackwards };

        var counts = SignCounts(new RelyingParty(), authenticator, assertions: 3);

        Assert.That(counts, Is.EqualTo(new uint[] { 1000, 999, 998, 997 }));
    }

    [Test]
    public async Task GoingBackwards_counter_is_refused_by_the_relying_party()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Counter = SoftwareCounter.GoingBackwards };
        var registered = await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions();

        var e = Assert.ThrowsAsync<Fido2VerificationException>(() => rp.VerifyAsync(options, authenticator.GetAssertion(options.ToJson()), registered.PublicKey, registered.SignCount));

        Assert.That(e.Code, Is.EqualTo(Fido2ErrorCode.InvalidSignCount));
    }

    [Test]
    public void A_forced_SignCount_sets_what_the_next_assertion_reports()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        authenticator.CreateCredential(rp.CreationOptions().ToJson());

        authenticator.Credentials.Single().SignCount = 41;
        var data = RelyingParty.AuthenticatorDataOf(authenticator.GetAssertion(rp.AssertionOptions().ToJson()));

        Assert.That(data.SignCount, Is.EqualTo(42u));
    }

    private static List<uint> SignCounts(RelyingParty rp, SoftwareAuthenticator authenticator, int assertions)
    {
        var counts = new List<uint> { RelyingParty.AuthenticatorDataOf(authenticator.CreateCredential(rp.CreationOptions().ToJson())).SignCount };
        for (var i = 0; i < assertions; i++)
        {
            counts.Add(RelyingParty.AuthenticatorDataOf(authenticator.GetAssertion(rp.AssertionOptions().ToJson())).SignCount);
        }

        return counts;
    }
}
