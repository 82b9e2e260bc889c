using System.Security.Cryptography;
using System.Text;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace Passkeys.Engine;

/// <summary>
/// Derives credential descriptors for user names that have no passkey, so sign-in options for an unknown name
/// look like a real user's (the shapes of <see cref="DecoyShapes"/>, the same ids every time the name is asked
/// for); and stands in for a decoy when a response names one, so the verify step fails as it would for a real
/// passkey.
/// </summary>
internal sealed class DecoyCredentials
{
    private static readonly byte[] ShapeInfo = "passkeys/decoy/shape"u8.ToArray();
    private static readonly DateTimeOffset StandInCreated = DateTimeOffset.UnixEpoch;

    private readonly byte[] _key;
    private readonly StandInKeys _keys = new();
    private readonly byte[] _standInHandle = RandomNumberGenerator.GetBytes(PasskeysDefaults.MinUserHandleLength);

    public DecoyCredentials(IOptions<PasskeyOptions> options)
    {
        _key = options.Value.DecoySecret is { } secret ? Convert.FromBase64String(secret) : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>Gets a user id no account has, for the credential list query of a name without an account.</summary>
    public string NoUserId { get; } = "decoy-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<PublicKeyCredentialDescriptor> For(string userName)
    {
        // One secret per name; every choice and id is expanded from it (HKDF), so the same name gets the same list.
        var seed = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userName.ToUpperInvariant()));
        var rolls = HKDF.Expand(HashAlgorithmName.SHA256, seed, 2 * (1 + DecoyShapes.CountShares.Length), ShapeInfo);
        var count = DecoyShapes.PickCount(Roll(rolls, 0));
        var descriptors = new PublicKeyCredentialDescriptor[count];
        for (var i = 0; i < count; i++)
        {
            var shape = DecoyShapes.Pick(Roll(rolls, 1 + i));
            var id = HKDF.Expand(HashAlgorithmName.SHA256, seed, shape.IdLength, Encoding.ASCII.GetBytes($"passkeys/decoy/id/{i}"));
            descriptors[i] = new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, id, shape.Transports.Length == 0 ? null : shape.Transports);
        }

        return descriptors;
    }

    /// <summary>
    /// A passkey and owner to verify a response against when it names an allowed id that is not stored: the
    /// owner is the ceremony's user (any owner check passes), its user handle is random (any given handle is
    /// refused, as for a real owner), and its key, of the algorithm the id's shape suggests, verifies nothing.
    /// </summary>
    public (PasskeyCredential Credential, PasskeyUser User) StandIn(byte[] credentialId, string? ceremonyUserId)
    {
        var (cacheId, coseKey) = _keys.For(DecoyShapes.AlgorithmFor(credentialId.Length));
        var userId = ceremonyUserId ?? NoUserId;
        var credential = new PasskeyCredential(cacheId, userId, coseKey, 0, Guid.Empty, "none", isBackupEligible: false, StandInCreated);
        return (credential, new PasskeyUser(userId, _standInHandle, NoUserId, StandInCreated));
    }

    private static int Roll(byte[] rolls, int index) => ((rolls[2 * index] << 8) | rolls[(2 * index) + 1]) % 100;
}
