using System.Formats.Cbor;
using Fido2NetLib.Exceptions;
using Microsoft.Extensions.Options;
using Passkeys.Engine.FastPath;
using Passkeys.Testing;

namespace Passkeys.Core.Tests.Engine.FastPath;

public class PublicKeyCacheTests
{
    [Test]
    public void A_credential_key_is_imported_once_and_then_reused([Values] SoftwareKeyAlgorithm algorithm)
    {
        var factory = new AssertionCaseFactory(algorithm);
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration());

        var outcomes = Enumerable.Range(0, 5).Select(_ => Verify(oracle, factory.Signed("valid"))).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.All.EqualTo(AssertionOutcome.Verified));
            Assert.That(oracle.Keys.Imports, Is.EqualTo(1));
            Assert.That(oracle.Keys.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_changed_stored_key_is_imported_again_and_the_kept_key_is_not_used()
    {
        var first = new AssertionCaseFactory(SoftwareKeyAlgorithm.ES256);
        var second = new AssertionCaseFactory(SoftwareKeyAlgorithm.ES256);
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration());
        Assert.That(Verify(oracle, first.Signed("valid")), Is.EqualTo(AssertionOutcome.Verified));

        // Signed by the first key, but the store now holds another key under the same credential id.
        var stale = first.Signed("valid") with { StoredPublicKey = second.PublicKey };
        var result = oracle.Verifier.Verify(stale.Response, stale.Options, stale.CredentialId, stale.StoredPublicKey, 0);
        var signedBySecond = second.Signed("valid") with { CredentialId = first.CredentialId };

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(AssertionOutcome.Failed));
            Assert.That(result.Error, Is.EqualTo(Fido2ErrorCode.InvalidSignature));
            Assert.That(Verify(oracle, signedBySecond), Is.EqualTo(AssertionOutcome.Verified));
            Assert.That(oracle.Keys.Imports, Is.EqualTo(2));
            Assert.That(oracle.Keys.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Evict_drops_the_key_and_the_next_sign_in_imports_it_again()
    {
        var factory = new AssertionCaseFactory(SoftwareKeyAlgorithm.EdDSA);
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration());
        Verify(oracle, factory.Signed("valid"));

        var evicted = oracle.Keys.Evict(factory.CredentialId);
        var countAfterEvict = oracle.Keys.Count;
        var again = Verify(oracle, factory.Signed("valid"));

        Assert.Multiple(() =>
        {
            Assert.That(evicted, Is.True);
            Assert.That(countAfterEvict, Is.Zero);
            Assert.That(again, Is.EqualTo(AssertionOutcome.Verified));
            Assert.That(oracle.Keys.Imports, Is.EqualTo(2));
            Assert.That(oracle.Keys.Evict([1, 2, 3]), Is.False, "evicting an unknown id is harmless");
        });
    }

    [Test]
    public void A_full_cache_drops_a_key_and_never_grows_past_its_size()
    {
        var keys = new PublicKeyCache(Options.Create(new PasskeyOptions { PublicKeyCacheSize = 3 }));
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration(), keys);
        var factories = Enumerable.Range(0, 6).Select(_ => new AssertionCaseFactory(SoftwareKeyAlgorithm.ES256)).ToArray();

        var outcomes = factories.Concat(factories).Select(f => Verify(oracle, f.Signed("valid"))).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.All.EqualTo(AssertionOutcome.Verified));
            Assert.That(keys.Count, Is.LessThanOrEqualTo(3));
            Assert.That(keys.Imports, Is.GreaterThan(6), "dropped keys are imported again");
        });
    }

    [Test]
    public void Keys_the_fast_path_does_not_handle_are_left_to_Fido2()
    {
        var factory = new AssertionCaseFactory(SoftwareKeyAlgorithm.ES256);
        var oracle = new AssertionOracle(AssertionCaseFactory.Configuration());
        var valid = factory.Signed("valid");
        var withExtraLabel = AddLabel(valid.StoredPublicKey);

        var result = oracle.Verifier.Verify(valid.Response, valid.Options, valid.CredentialId, withExtraLabel, 0);
        var garbage = oracle.Verifier.Verify(valid.Response, valid.Options, valid.CredentialId, [0xFF, 0x00], 0);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(AssertionOutcome.Delegated));
            Assert.That(garbage.Outcome, Is.EqualTo(AssertionOutcome.Delegated));
        });
    }

    private static AssertionOutcome Verify(AssertionOracle oracle, AssertionCase c)
        => oracle.Verifier.Verify(c.Response, c.Options, c.CredentialId, c.StoredPublicKey, c.StoredCounter).Outcome;

    // Re-encodes a COSE key with one more (unknown) label, which Fido2 ignores and the fast path leaves to it.
    private static byte[] AddLabel(byte[] coseKey)
    {
        var reader = new CborReader(coseKey);
        var count = reader.ReadStartMap()!.Value;
        var writer = new CborWriter();
        writer.WriteStartMap(count + 1);
        for (var i = 0; i < count; i++)
        {
            writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
            writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
        }

        writer.WriteInt32(-100);
        writer.WriteInt32(1);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
