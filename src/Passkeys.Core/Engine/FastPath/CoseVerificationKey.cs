namespace Passkeys.Engine.FastPath;

/// <summary>
/// A credential public key imported once from its COSE_Key form (WebAuthn §6.5.1.1), ready to check signatures.
/// </summary>
/// <remarks>Implementations are safe to use from several threads at once.</remarks>
internal abstract class CoseVerificationKey
{
    /// <summary>
    /// Checks <paramref name="signature"/> over <paramref name="data"/> in the encoding WebAuthn uses for the
    /// key's algorithm (WebAuthn §6.5.6).
    /// </summary>
    public abstract SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
