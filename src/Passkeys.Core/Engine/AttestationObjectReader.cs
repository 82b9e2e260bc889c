using System.Formats.Cbor;

namespace Passkeys.Engine;

/// <summary>
/// Reads flags from an attestation object Fido2 has already verified, without parsing it whole again (which
/// would also import the public key), and marks user presence in a "none" attestation for a conditional create.
/// </summary>
internal static class AttestationObjectReader
{
    private const byte UserPresentFlag = 0x01;
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

    /// <summary>
    /// A copy of the attestation object with the UP flag set in its authenticator data, when its format is
    /// <c>none</c> with an empty statement (nothing signs the authenticator data, so only the flag changes) and its
    /// authenticator data is one definite-length byte string; otherwise <see langword="null"/>, and the original is
    /// verified as it is.
    /// </summary>
    public static byte[]? WithUserPresence(byte[] attestationObject)
    {
        try
        {
            var reader = new CborReader(attestationObject, CborConformanceMode.Lax);
            var entries = reader.ReadStartMap();
            string? format = null;
            var emptyStatement = false;
            var flagsAt = -1;
            for (var i = 0; entries is null || i < entries; i++)
            {
                if (reader.PeekState() is CborReaderState.EndMap || reader.PeekState() is not CborReaderState.TextString)
                {
                    return null;
                }

                switch (reader.ReadTextString())
                {
                    case "fmt" when format is null:
                        format = reader.ReadTextString();
                        break;
                    case "attStmt" when !emptyStatement:
                        emptyStatement = reader.ReadStartMap() == 0;
                        if (!emptyStatement)
                        {
                            return null;
                        }

                        reader.ReadEndMap();
                        break;
                    case "authData" when flagsAt < 0:
                        if (reader.PeekState() is not CborReaderState.ByteString)
                        {
                            return null;
                        }

                        var authData = reader.ReadByteString();
                        var end = attestationObject.Length - reader.BytesRemaining;
                        flagsAt = authData.Length > FlagsOffset ? end - authData.Length + FlagsOffset : -1;
                        if (flagsAt < 0)
                        {
                            return null;
                        }

                        break;
                    default:
                        return null;
                }
            }

            reader.ReadEndMap();
            if (format != "none" || !emptyStatement || flagsAt < 0 || reader.BytesRemaining != 0)
            {
                return null;
            }

            var copy = attestationObject.ToArray();
            copy[flagsAt] |= UserPresentFlag;
            return copy;
        }
        catch (CborContentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool SkipAndReturnFalse(CborReader reader)
    {
        reader.SkipValue();
        return false;
    }
}
