using System.Formats.Cbor;
using System.Security.Cryptography;

namespace Passkeys.Testing.Authenticator;

/// <summary>An ES256 key: ECDSA on P-256 with SHA-256, signatures DER encoded.</summary>
internal sealed class EcdsaSoftwareKey : SoftwareKey
{
    private readonly byte[] _privateKey;

    public EcdsaSoftwareKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _privateKey = ecdsa.ExportPkcs8PrivateKey();
        SubjectPublicKeyInfo = ecdsa.ExportSubjectPublicKeyInfo();

        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);    // kty
        writer.WriteInt32(2);    // EC2
        writer.WriteInt32(3);    // alg
        writer.WriteInt32(-7);   // ES256
        writer.WriteInt32(-1);   // crv
        writer.WriteInt32(1);    // P-256
        writer.WriteInt32(-2);   // x
        writer.WriteByteString(point.X!);
        writer.WriteInt32(-3);   // y
        writer.WriteByteString(point.Y!);
        writer.WriteEndMap();
        CosePublicKey = writer.Encode();
    }

    public override SoftwareKeyAlgorithm Algorithm => SoftwareKeyAlgorithm.ES256;

    public override byte[] CosePublicKey { get; }

    public override byte[] SubjectPublicKeyInfo { get; }

    public override byte[] Sign(byte[] data)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(_privateKey, out _);
        return ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
