using System.Formats.Cbor;

namespace Passkeys.Engine;

/// <summary>
/// Reads flags from an attestation object Fido2 has already verified, without parsing it whole again (which
/// would also import the public key).
/// </summary>
internal static class AttestationObjectReader
{
    private const byte UserVerifiedFlag = 0x04;
    private const int FlagsOffset = 32;

    /// <summary>Gets whether the UV flag is set in the attestation object's authenticator data.</summary>
    public static bool IsUserVerified(byte[] attestationObject)
    {
        var reader = new CborReader(attestationObject, CborConformanceMode.Lax);
        var entries = reader.ReadStartMap();
        for (var i = 0; entries is null || i < entries; i++)
        {
            if (reader.PeekState() == CborReaderState.EndMap)
            {
                break;
            }

            var isAuthData = reader.PeekState() == CborReaderState.TextString
                ? reader.ReadTextString() == "authData"
                : SkipAndReturnFalse(reader);
            if (isAuthData)
            {
                var authData = reader.ReadByteString();
                return authData.Length > FlagsOffset && (authData[FlagsOffset] & UserVerifiedFlag) != 0;
            }

            reader.SkipValue();
        }

        return false;
    }

    private static bool SkipAndReturnFalse(CborReader reader)
    {
        reader.SkipValue();
        return false;
    }
}
