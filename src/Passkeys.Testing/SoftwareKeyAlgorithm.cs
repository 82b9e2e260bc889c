namespace Passkeys.Testing;

/// <summary>
/// The signature algorithms a <see cref="SoftwareAuthenticator"/> can create credentials with.
/// </summary>
public enum SoftwareKeyAlgorithm
{
    /// <summary>ECDSA on P-256 with SHA-256 (COSE algorithm -7).</summary>
    ES256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key (COSE algorithm -257).</summary>
    RS256,

    /// <summary>Ed25519 (COSE algorithm -8).</summary>
    EdDSA,
}
