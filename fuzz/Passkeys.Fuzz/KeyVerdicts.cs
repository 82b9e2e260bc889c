using Fido2NetLib.Objects;
using Passkeys.Engine.FastPath;

namespace Passkeys.Fuzz;

/// <summary>
/// Verifies one signature with a COSE key both ways, the fast path's imported key and Fido2's
/// <see cref="CredentialPublicKey"/>, and holds them to the rule the assertion fast path relies on: what the fast
/// path calls valid Fido2 verifies, what it calls invalid Fido2 refuses, and undecided is left to Fido2.
/// </summary>
internal static class KeyVerdicts
{
    public static readonly byte[] Message = "passkeys fuzz message: authenticatorData || SHA-256(clientDataJSON)"u8.ToArray();

    /// <returns>The fast path's verdict, or <see langword="null"/> when it does not import the key.</returns>
    public static SignatureCheck? Compare(byte[] coseKey, byte[] signature)
    {
        var key = CoseKeyDecoder.TryImport(coseKey);
        if (key is null)
        {
            return null;
        }

        var fast = key.Verify(Message, signature);
        bool? fido2;
        try
        {
            fido2 = new CredentialPublicKey(coseKey).Verify(Message, signature);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            fido2 = null;
        }

        if ((fast == SignatureCheck.Valid && fido2 != true) || (fast == SignatureCheck.Invalid && fido2 == true))
        {
            throw new FuzzFindingException($"The fast path finds the signature {fast}, Fido2 {(fido2 is null ? "throws" : fido2.Value ? "verifies it" : "refuses it")}.");
        }

        return fast;
    }
}
