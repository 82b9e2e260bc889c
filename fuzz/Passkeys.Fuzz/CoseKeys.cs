using System.Formats.Cbor;
using System.Security.Cryptography;

namespace Passkeys.Fuzz;

/// <summary>COSE_Key encodings (RFC 9053) of EC2, RSA and OKP public keys, for seeds.</summary>
internal static class CoseKeys
{
    public static byte[] Ec2(ECDsa key, int algorithm, int curve)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return Encode(w =>
        {
            w.WriteStartMap(5);
            w.WriteInt32(1);
            w.WriteInt32(2);
            w.WriteInt32(3);
            w.WriteInt32(algorithm);
            w.WriteInt32(-1);
            w.WriteInt32(curve);
            w.WriteInt32(-2);
            w.WriteByteString(point.X!);
            w.WriteInt32(-3);
            w.WriteByteString(point.Y!);
            w.WriteEndMap();
        });
    }

    public static byte[] Ec2P256()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Ec2(key, -7, 1);
    }

    public static byte[] Rsa(RSA key, int algorithm)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return Encode(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1);
            w.WriteInt32(3);
            w.WriteInt32(3);
            w.WriteInt32(algorithm);
            w.WriteInt32(-1);
            w.WriteByteString(parameters.Modulus!);
            w.WriteInt32(-2);
            w.WriteByteString(parameters.Exponent!);
            w.WriteEndMap();
        });
    }

    public static byte[] Okp(byte[] x, int algorithm = -8, int curve = 6) => Encode(w =>
    {
        w.WriteStartMap(4);
        w.WriteInt32(1);
        w.WriteInt32(1);
        w.WriteInt32(3);
        w.WriteInt32(algorithm);
        w.WriteInt32(-1);
        w.WriteInt32(curve);
        w.WriteInt32(-2);
        w.WriteByteString(x);
        w.WriteEndMap();
    });

    private static byte[] Encode(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        write(writer);
        return writer.Encode();
    }
}
