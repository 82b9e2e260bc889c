using System.Formats.Cbor;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Passkeys.Engine.FastPath;

/// <summary>
/// Imports a stored COSE_Key (WebAuthn §6.5.1.1, RFC 9053) for the algorithms Fido2 verifies: ES256, ES384,
/// ES512, RS256/384/512, RS1, PS256/384/512 and EdDSA (Ed25519).
/// </summary>
/// <remarks>
/// Only well-formed keys with exactly the labels the key type needs are imported. Anything else (ES256K,
/// Ed448, unknown labels or types, malformed CBOR, points not on the curve) returns <see langword="null"/>,
/// and sign-ins with that credential are verified by Fido2, which then fails exactly as it always did.
/// </remarks>
internal static class CoseKeyDecoder
{
    private const long KeyTypeLabel = 1;
    private const long AlgorithmLabel = 3;
    private const long Param1Label = -1;
    private const long Param2Label = -2;
    private const long Param3Label = -3;

    public static CoseVerificationKey? TryImport(byte[] coseKey)
    {
        try
        {
            return TryRead(coseKey, out var map) ? Create(map) : null;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or CryptographicException
            or FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static bool TryRead(byte[] coseKey, out CoseKeyFields fields)
    {
        fields = default;
        var reader = new CborReader(coseKey, CborConformanceMode.Strict);
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            return false;
        }

        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
            {
                return false;
            }

            var label = reader.ReadInt64();
            var state = reader.PeekState();
            if (state is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
            {
                var value = reader.ReadInt32();
                switch (label)
                {
                    case KeyTypeLabel: fields.KeyType = value; break;
                    case AlgorithmLabel: fields.Algorithm = value; break;
                    case Param1Label: fields.Curve = value; break;
                    default: return false;
                }
            }
            else if (state == CborReaderState.ByteString)
            {
                var value = reader.ReadByteString();
                switch (label)
                {
                    case Param1Label: fields.Modulus = value; break;
                    case Param2Label: fields.X = value; break;
                    case Param3Label: fields.Y = value; break;
                    default: return false;
                }
            }
            else
            {
                return false;
            }
        }

        reader.ReadEndMap();
        return true;
    }

    private static CoseVerificationKey? Create(CoseKeyFields key) => key.KeyType switch
    {
        1 => CreateOkp(key),
        2 => CreateEc2(key),
        3 => CreateRsa(key),
        _ => null,
    };

    private static Ed25519VerificationKey? CreateOkp(CoseKeyFields key)
    {
        // EdDSA (-8) on Ed25519 (6).
        if (key.Algorithm != -8 || key.Curve != 6 || key.X is null || key.Y is not null || key.Modulus is not null)
        {
            return null;
        }

        return new Ed25519VerificationKey(PublicKey.Import(SignatureAlgorithm.Ed25519, key.X, KeyBlobFormat.RawPublicKey));
    }

    private static EcdsaVerificationKey? CreateEc2(CoseKeyFields key)
    {
        (ECCurve Curve, HashAlgorithmName Hash, int Size)? parameters = (key.Algorithm, key.Curve) switch
        {
            (-7, 1) => (ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32),
            (-35, 2) => (ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48),
            (-36, 3) => (ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, 66),
            _ => null,
        };
        if (parameters is not var (curve, hash, size) || key.X?.Length != size || key.Y?.Length != size || key.Modulus is not null)
        {
            return null;
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = key.X, Y = key.Y } });
        return new EcdsaVerificationKey(ecdsa, hash, size);
    }

    private static RsaVerificationKey? CreateRsa(CoseKeyFields key)
    {
        (HashAlgorithmName Hash, RSASignaturePadding Padding)? parameters = key.Algorithm switch
        {
            -257 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            -258 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            -259 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            -65535 => (HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
            -37 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            -38 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
            -39 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            _ => null,
        };
        // An empty modulus or exponent makes the platform's import throw IndexOutOfRangeException (found by fuzzing).
        if (parameters is not var (hash, padding) || key.Modulus is not { Length: > 0 } || key.X is not { Length: > 0 } || key.Y is not null || key.Curve is not null)
        {
            return null;
        }

        var rsa = RSA.Create(new RSAParameters { Modulus = key.Modulus, Exponent = key.X });
        return new RsaVerificationKey(rsa, hash, padding);
    }
}
