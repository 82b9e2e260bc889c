using System.Formats.Cbor;
using System.Security.Cryptography;
using Fido2NetLib.Objects;

namespace Passkeys.Engine;

/// <summary>
/// COSE public keys whose private halves were never kept: no signature verifies with them. One per algorithm a
/// decoy may claim, made on first use, each with a random id under which the public key cache keeps it.
/// </summary>
internal sealed class StandInKeys
{
    private readonly Lazy<byte[]> _es256 = new(CreateEs256);
    private readonly Lazy<byte[]> _rs256 = new(CreateRs256);

    /// <summary>Gets the id the ES256 key is cached under: random, so no registered passkey shares it.</summary>
    public byte[] Es256CacheId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Gets the id the RS256 key is cached under.</summary>
    public byte[] Rs256CacheId { get; } = RandomNumberGenerator.GetBytes(32);

    public (byte[] CacheId, byte[] CoseKey) For(COSE.Algorithm algorithm)
        => algorithm == COSE.Algorithm.RS256 ? (Rs256CacheId, _rs256.Value) : (Es256CacheId, _es256.Value);

    private static byte[] CreateEs256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        WriteLabel(writer, 1, 2);       // kty: EC2
        WriteLabel(writer, 3, -7);      // alg: ES256
        WriteLabel(writer, -1, 1);      // crv: P-256
        writer.WriteInt32(-2);
        writer.WriteByteString(point.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(point.Y!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static byte[] CreateRs256()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(4);
        WriteLabel(writer, 1, 3);       // kty: RSA
        WriteLabel(writer, 3, -257);    // alg: RS256
        writer.WriteInt32(-1);
        writer.WriteByteString(parameters.Modulus!);
        writer.WriteInt32(-2);
        writer.WriteByteString(parameters.Exponent!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteLabel(CborWriter writer, int label, int value)
    {
        writer.WriteInt32(label);
        writer.WriteInt32(value);
    }
}
