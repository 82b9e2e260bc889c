using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Passkeys.Testing.Authenticator;

/// <summary>Writes authenticator data (WebAuthn §6.1) and attestation objects (§6.5).</summary>
internal static class AuthenticatorDataWriter
{
    /// <summary>
    /// Writes rpIdHash || flags || signCount, followed by the attested credential data
    /// (AAGUID || credential id length || credential id || COSE key) when <paramref name="credential"/> is given.
    /// </summary>
    public static byte[] Write(string rpId, AuthenticatorFlags flags, uint signCount, (Guid Aaguid, byte[] Id, byte[] CosePublicKey)? credential = null)
    {
        using var stream = new MemoryStream();
        stream.Write(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        stream.WriteByte((byte)flags);

        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, signCount);
        stream.Write(buffer);

        if (credential is var (aaguid, id, cosePublicKey))
        {
            stream.Write(aaguid.ToByteArray(bigEndian: true));
            BinaryPrimitives.WriteUInt16BigEndian(buffer, checked((ushort)id.Length));
            stream.Write(buffer[..2]);
            stream.Write(id);
            stream.Write(cosePublicKey);
        }

        return stream.ToArray();
    }
}
