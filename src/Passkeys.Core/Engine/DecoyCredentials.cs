using System.Security.Cryptography;
using System.Text;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace Passkeys.Engine;

/// <summary>
/// Derives credential descriptors for user names that have no account, so sign-in options for an unknown
/// name look like a real user's: the same shape, and the same ids every time the name is asked for.
/// </summary>
internal sealed class DecoyCredentials
{
    private readonly byte[] _key;

    public DecoyCredentials(IOptions<PasskeyOptions> options)
    {
        _key = options.Value.DecoySecret is { } secret ? Convert.FromBase64String(secret) : RandomNumberGenerator.GetBytes(32);
    }

    public IReadOnlyList<PublicKeyCredentialDescriptor> For(string userName)
    {
        var seed = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userName.ToUpperInvariant()));

        // One or two passkeys, as most real accounts have.
        var count = 1 + (seed[0] & 1);
        var descriptors = new PublicKeyCredentialDescriptor[count];
        for (var i = 0; i < count; i++)
        {
            byte[] message = [.. seed, (byte)i];
            var id = HMACSHA256.HashData(_key, message);
            descriptors[i] = new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, id, [AuthenticatorTransport.Internal, AuthenticatorTransport.Hybrid]);
        }

        return descriptors;
    }
}
