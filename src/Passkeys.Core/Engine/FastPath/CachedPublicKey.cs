namespace Passkeys.Engine.FastPath;

/// <summary>
/// One entry of the <see cref="PublicKeyCache"/>: the COSE bytes a key was imported from, the imported key
/// (<see langword="null"/> when the fast path does not handle it) and when it was last used.
/// </summary>
internal sealed class CachedPublicKey
{
    public CachedPublicKey(byte[] coseKey, CoseVerificationKey? key, long lastUse)
    {
        CoseKey = coseKey;
        Key = key;
        LastUse = lastUse;
    }

    public byte[] CoseKey { get; }

    public CoseVerificationKey? Key { get; }

    /// <summary>Gets or sets the use stamp (a counter, not a time) for choosing what to evict.</summary>
    public long LastUse { get; set; }
}
