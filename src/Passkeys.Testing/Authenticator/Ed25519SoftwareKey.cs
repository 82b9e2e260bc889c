using System.Formats.Cbor;
using NSec.Cryptography;

namespace Passkeys.Testing.Authenticator;

/// <summary>An EdDSA key on Ed25519, signing with NSec (libsodium); signatures are the raw 64 bytes.</summary>
internal sealed class Ed25519SoftwareKey : SoftwareKey
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly byte[] _privateKey;

    public Ed25519SoftwareKey()
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        _privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        SubjectPublicKeyInfo = key.PublicKey.Export(KeyBlobFormat.PkixPublicKey);

        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(4);
        writer.WriteInt32(1);    // kty
        writer.WriteInt32(1);    // OKP
        writer.WriteInt32(3);    // alg
        writer.WriteInt32(-8);   // EdDSA
        writer.WriteInt32(-1);   // crv
        writer.WriteInt32(6);    // Ed25519
        writer.WriteInt32(-2);   // x
        writer.WriteByteString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        writer.WriteEndMap();
        CosePublicKey = writer.Encode();
    }

    public override SoftwareKeyAlgorithm Algorithm => SoftwareKeyAlgorithm.EdDSA;

    public override byte[] CosePublicKey { get; }

    public override byte[] SubjectPublicKeyInfo { get; }

    public override byte[] Sign(byte[] data)
    {
        using var key = Key.Import(Ed25519, _privateKey, KeyBlobFormat.RawPrivateKey);
        return Ed25519.Sign(key, data);
    }
}
