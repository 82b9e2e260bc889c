using NSec.Cryptography;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// An OKP Ed25519 public key (EdDSA), verified with NSec as Fido2 does. NSec keys are immutable and thread-safe.
/// </summary>
internal sealed class Ed25519VerificationKey : CoseVerificationKey
{
    private readonly PublicKey _key;

    public Ed25519VerificationKey(PublicKey key) => _key = key;

    public override SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        => SignatureAlgorithm.Ed25519.Verify(_key, data, signature) ? SignatureCheck.Valid : SignatureCheck.Invalid;
}
