using Fido2NetLib.Objects;

namespace Passkeys.Testing.Tests;

public class RoundTripTests
{
    private static readonly SoftwareKeyAlgorithm[] Algorithms = [SoftwareKeyAlgorithm.ES256, SoftwareKeyAlgorithm.RS256, SoftwareKeyAlgorithm.EdDSA];
    private static readonly SoftwareAttestation[] Attestations = [SoftwareAttestation.None, SoftwareAttestation.PackedSelf];

    [Test]
    [Combinatorial]
    public async Task Registration_and_assertion_are_accepted_by_Fido2(
        [ValueSource(nameof(Algorithms))] SoftwareKeyAlgorithm algorithm,
        [ValueSource(nameof(Attestations))] SoftwareAttestation attestation)
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator { Algorithm = algorithm, Attestation = attestation };

        var creationOptions = rp.CreationOptions();
        var registered = await rp.RegisterAsync(creationOptions, authenticator.CreateCredential(creationOptions.ToJson()));

        var credential = authenticator.Credentials.Single();
        Assert.Multiple(() =>
        {
            Assert.That(registered.Id, Is.EqualTo(credential.Id));
            Assert.That(registered.PublicKey, Is.EqualTo(credential.PublicKey));
            Assert.That(registered.AttestationFormat, Is.EqualTo(attestation == SoftwareAttestation.None ? "none" : "packed"));
            Assert.That(registered.User.Id, Is.EqualTo(rp.UserHandle));
            Assert.That(credential.UserHandle, Is.EqualTo(rp.UserHandle));
            Assert.That(credential.RpId, Is.EqualTo("localhost"));
            Assert.That(credential.Algorithm, Is.EqualTo(algorithm));
        });

        var assertionOptions = rp.AssertionOptions([new PublicKeyCredentialDescriptor(registered.Id)], UserVerificationRequirement.Required);
        var result = await rp.VerifyAsync(assertionOptions, authenticator.GetAssertion(assertionOptions.ToJson()), registered.PublicKey, registered.SignCount);

        Assert.Multiple(() =>
        {
            Assert.That(result.CredentialId, Is.EqualTo(registered.Id));
            Assert.That(result.SignCount, Is.EqualTo(1u));
        });
    }

    [Test]
    public async Task Aaguid_and_transports_reach_the_relying_party()
    {
        var rp = new RelyingParty();
        var aaguid = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10");
        var authenticator = new SoftwareAuthenticator { Aaguid = aaguid, Transports = ["internal", "usb"] };

        var registered = await rp.RegisterAsync(authenticator);

        Assert.Multiple(() =>
        {
            Assert.That(registered.AaGuid, Is.EqualTo(aaguid));
            Assert.That(registered.Transports, Is.EqualTo(new[] { AuthenticatorTransport.Internal, AuthenticatorTransport.Usb }));
        });
    }

    [Test]
    public async Task Parallel_assertions_on_one_instance_each_get_their_own_counter_value()
    {
        var rp = new RelyingParty();
        var authenticator = new SoftwareAuthenticator();
        await rp.RegisterAsync(authenticator);
        var options = rp.AssertionOptions().ToJson();

        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(
            () => RelyingParty.AuthenticatorDataOf(authenticator.GetAssertion(options)).SignCount)));

        Assert.That(counts, Is.EquivalentTo(Enumerable.Range(1, 20).Select(i => (uint)i)));
    }
}
