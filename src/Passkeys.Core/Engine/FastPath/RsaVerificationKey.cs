using System.Security.Cryptography;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// An RSA public key (RS256/384/512, RS1, PS256/384/512).
/// </summary>
/// <remarks>Verification takes a lock per key, as for <see cref="EcdsaVerificationKey"/>.</remarks>
internal sealed class RsaVerificationKey : CoseVerificationKey
{
    private readonly RSA _key;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding _padding;
    private readonly Lock _gate = new();

    public RsaVerificationKey(RSA key, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        _key = key;
        _hash = hash;
        _padding = padding;
    }

    public override SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_gate)
        {
            return _key.VerifyData(data, signature, _hash, _padding) ? SignatureCheck.Valid : SignatureCheck.Invalid;
        }
    }
}
