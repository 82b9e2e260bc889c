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
        var (fast, fido2) = Verdicts(coseKey, signature);
        if ((fast == SignatureCheck.Valid && fido2 != true) || (fast == SignatureCheck.Invalid && fido2 == true))
        {
            throw new FuzzFindingException($"The fast path finds the signature {fast}, Fido2 {(fido2 is null ? "throws" : fido2.Value ? "verifies it" : "refuses it")}.");
        }

        return fast;
    }

    /// <summary>Both verdicts: the fast path's (<see langword="null"/> when it does not import the key) and Fido2's
    /// (<see langword="null"/> when it throws).</summary>
    public static (SignatureCheck? FastPath, bool? Fido2) Verdicts(byte[] coseKey, byte[] signature)
    {
        var fast = CoseKeyDecoder.TryImport(coseKey)?.Verify(Message, signature);
        if (fast is null)
        {
            return (null, null);
        }

        try
        {
            return (fast, new CredentialPublicKey(coseKey).Verify(Message, signature));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (fast, null);
        }
    }
}
