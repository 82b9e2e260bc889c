using System.Formats.Cbor;
using System.Security.Cryptography;

namespace Passkeys.Testing.Authenticator;

/// <summary>An RS256 key: a 2048-bit RSA key signing with PKCS#1 v1.5 and SHA-256.</summary>
internal sealed class RsaSoftwareKey : SoftwareKey
{
    private readonly byte[] _privateKey;

    public RsaSoftwareKey()
    {
        using var rsa = RSA.Create(2048);
        _privateKey = rsa.ExportPkcs8PrivateKey();
        SubjectPublicKeyInfo = rsa.ExportSubjectPublicKeyInfo();

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(4);
        writer.WriteInt32(1);    // kty
        writer.WriteInt32(3);    // RSA
        writer.WriteInt32(3);    // alg
        writer.WriteInt32(-257); // RS256
        writer.WriteInt32(-1);   // n
        writer.WriteByteString(parameters.Modulus!);
        writer.WriteInt32(-2);   // e
        writer.WriteByteString(parameters.Exponent!);
        writer.WriteEndMap();
        CosePublicKey = writer.Encode();
    }

    public override SoftwareKeyAlgorithm Algorithm => SoftwareKeyAlgorithm.RS256;

    public override byte[] CosePublicKey { get; }

    public override byte[] SubjectPublicKeyInfo { get; }

    public override byte[] Sign(byte[] data)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_privateKey, out _);
        return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
