namespace Passkeys.Testing;

/// <summary>
/// The attestation statement a <see cref="SoftwareAuthenticator"/> puts in a new credential's attestation object.
/// </summary>
public enum SoftwareAttestation
{
    /// <summary>No attestation: <c>fmt</c> is <c>"none"</c> and <c>attStmt</c> is empty (WebAuthn §8.7).</summary>
    None,

    /// <summary>
    /// Packed self attestation: <c>fmt</c> is <c>"packed"</c> and the credential's own key signs the
    /// authenticator data and client data hash (WebAuthn §8.2).
    /// </summary>
    PackedSelf,
}
