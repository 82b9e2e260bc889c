namespace Passkeys.Engine.FastPath;

/// <summary>
/// The outcome of checking an assertion signature with a kept public key.
/// </summary>
internal enum SignatureCheck
{
    /// <summary>The signature is valid over the signed data.</summary>
    Valid,

    /// <summary>The signature is not valid, or cannot be decoded as Fido2 would decode it.</summary>
    Invalid,

    /// <summary>The signature is in an encoding the fast path leaves to Fido2 (for example a non-canonical DER).</summary>
    Undecided,
}
