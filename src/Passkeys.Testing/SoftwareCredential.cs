using Passkeys.Testing.Authenticator;

namespace Passkeys.Testing;

/// <summary>
/// A credential held by a <see cref="SoftwareAuthenticator"/>: its id, the relying party and user it was
/// created for, its key pair and its signature counter.
/// </summary>
public sealed class SoftwareCredential
{
    private readonly byte[] _id;
    private readonly byte[] _userHandle;
    private uint _signCount;

    internal SoftwareCredential(byte[] id, byte[] userHandle, string rpId, string? userName, string? userDisplayName, bool isDiscoverable, SoftwareKey key, uint signCount)
    {
        _id = id;
        _userHandle = userHandle;
        RpId = rpId;
        UserName = userName;
        UserDisplayName = userDisplayName;
        IsDiscoverable = isDiscoverable;
        Key = key;
        _signCount = signCount;
    }

    /// <summary>
    /// Gets a copy of the credential id (16 random bytes).
    /// </summary>
    public byte[] Id => (byte[])_id.Clone();

    /// <summary>
    /// Gets a copy of the user handle (<c>user.id</c> of the creation options).
    /// </summary>
    public byte[] UserHandle => (byte[])_userHandle.Clone();

    /// <summary>
    /// Gets the relying party id the credential is scoped to.
    /// </summary>
    public string RpId { get; }

    /// <summary>
    /// Gets the <c>user.name</c> of the creation options, if there was one.
    /// </summary>
    public string? UserName { get; }

    /// <summary>
    /// Gets the <c>user.displayName</c> of the creation options, if there was one.
    /// </summary>
    public string? UserDisplayName { get; }

    /// <summary>
    /// Gets the algorithm of the credential's key pair.
    /// </summary>
    public SoftwareKeyAlgorithm Algorithm => Key.Algorithm;

    /// <summary>
    /// Gets a flag indicating whether the credential is discoverable (a resident key, WebAuthn §6.2.2):
    /// it can answer options with no <c>allowCredentials</c>, and its assertions carry the user handle.
    /// </summary>
    public bool IsDiscoverable { get; }

    /// <summary>
    /// Gets a copy of the credential public key as a COSE_Key (WebAuthn §6.5.1.1), as a relying party stores it.
    /// </summary>
    public byte[] PublicKey => (byte[])Key.CosePublicKey.Clone();

    /// <summary>
    /// Gets or sets the signature counter: the value reported by the last ceremony. Setting it lets a test
    /// choose what the next assertion reports (see <see cref="SoftwareCounter"/>).
    /// </summary>
    public uint SignCount
    {
        get => Volatile.Read(ref _signCount);
        set => Volatile.Write(ref _signCount, value);
    }

    internal SoftwareKey Key { get; }

    internal byte[] RawId => _id;

    internal byte[] RawUserHandle => _userHandle;

    internal bool HasId(ReadOnlySpan<byte> id) => _id.AsSpan().SequenceEqual(id);
}
