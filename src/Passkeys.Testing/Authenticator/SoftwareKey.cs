namespace Passkeys.Testing.Authenticator;

/// <summary>
/// A credential key pair held by the software authenticator. Only exported key bytes are kept, so nothing
/// needs disposing; each signature imports the private key afresh.
/// </summary>
internal abstract class SoftwareKey
{
    public abstract SoftwareKeyAlgorithm Algorithm { get; }

    /// <summary>Gets the public key as a COSE_Key (WebAuthn §6.5.1.1).</summary>
    public abstract byte[] CosePublicKey { get; }

    /// <summary>Gets the public key as a DER SubjectPublicKeyInfo, as <c>getPublicKey()</c> returns it.</summary>
    public abstract byte[] SubjectPublicKeyInfo { get; }

    public int CoseAlgorithm => CoseAlgorithmOf(Algorithm);

    /// <summary>Signs <paramref name="data"/> in the encoding WebAuthn expects for the algorithm (§6.5.6).</summary>
    public abstract byte[] Sign(byte[] data);

    public static int CoseAlgorithmOf(SoftwareKeyAlgorithm algorithm) => algorithm switch
    {
        SoftwareKeyAlgorithm.ES256 => -7,
        SoftwareKeyAlgorithm.RS256 => -257,
        SoftwareKeyAlgorithm.EdDSA => -8,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };

    public static SoftwareKey Create(SoftwareKeyAlgorithm algorithm) => algorithm switch
    {
        SoftwareKeyAlgorithm.ES256 => new EcdsaSoftwareKey(),
        SoftwareKeyAlgorithm.RS256 => new RsaSoftwareKey(),
        SoftwareKeyAlgorithm.EdDSA => new Ed25519SoftwareKey(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };
}
