using System.Formats.Cbor;

namespace Passkeys.Testing.Authenticator;

/// <summary>Writes the CBOR attestation object <c>{fmt, attStmt, authData}</c> (WebAuthn §6.5.4).</summary>
internal static class AttestationObjectWriter
{
    public static byte[] Write(SoftwareAttestation attestation, SoftwareKey key, byte[] authenticatorData, byte[] clientDataHash)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        switch (attestation)
        {
            case SoftwareAttestation.None:
                writer.WriteTextString("none");
                writer.WriteTextString("attStmt");
                writer.WriteStartMap(0);
                writer.WriteEndMap();
                break;

            case SoftwareAttestation.PackedSelf:
                // §8.2: self attestation signs authenticatorData || clientDataHash with the credential key.
                writer.WriteTextString("packed");
                writer.WriteTextString("attStmt");
                writer.WriteStartMap(2);
                writer.WriteTextString("alg");
                writer.WriteInt32(key.CoseAlgorithm);
                writer.WriteTextString("sig");
                writer.WriteByteString(key.Sign([.. authenticatorData, .. clientDataHash]));
                writer.WriteEndMap();
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(attestation), attestation, "Unknown attestation.");
        }

        writer.WriteTextString("authData");
        writer.WriteByteString(authenticatorData);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
