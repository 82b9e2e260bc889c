using System.Security.Cryptography;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// An EC2 public key (ES256, ES384, ES512). Signatures arrive as DER <c>Ecdsa-Sig-Value</c> (WebAuthn §6.5.6).
/// </summary>
/// <remarks>
/// The platform does not promise that one <see cref="ECDsa"/> can verify on several threads at once, so
/// verification takes a lock per key; sign-ins with one credential rarely overlap, so it is almost never contended.
/// </remarks>
internal sealed class EcdsaVerificationKey : CoseVerificationKey
{
    private readonly ECDsa _key;
    private readonly HashAlgorithmName _hash;
    private readonly int _fieldSize;
    private readonly Lock _gate = new();

    public EcdsaVerificationKey(ECDsa key, HashAlgorithmName hash, int fieldSize)
    {
        _key = key;
        _hash = hash;
        _fieldSize = fieldSize;
    }

    public override SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> ieee = stackalloc byte[2 * _fieldSize];
        var decoded = EcdsaSignatureDecoder.TryDecode(signature, _fieldSize, ieee);
        if (decoded != SignatureCheck.Valid)
        {
            return decoded;
        }

        lock (_gate)
        {
            return _key.VerifyData(data, ieee, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
    }
}
