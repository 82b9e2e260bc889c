using System.Security.Cryptography;
using NSec.Cryptography;
using Passkeys.Engine.FastPath;

namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>cose-key</c>: the input is a stored COSE_Key (a section) and a signature (the rest) over a fixed message.
/// <see cref="CoseKeyDecoder"/> must import it or decline without throwing, and an imported key must verify the
/// signature as Fido2 does with the same bytes.
/// </summary>
public sealed class CoseKeyTarget : IFuzzTarget
{
    public string Name => "cose-key";

    public void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        KeyVerdicts.Compare(reader.Section(), reader.Rest());
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        var message = KeyVerdicts.Message;
        foreach (var (name, curve, algorithm, coseCurve, hash) in new[]
        {
            ("es256", ECCurve.NamedCurves.nistP256, -7, 1, HashAlgorithmName.SHA256),
            ("es384", ECCurve.NamedCurves.nistP384, -35, 2, HashAlgorithmName.SHA384),
            ("es512", ECCurve.NamedCurves.nistP521, -36, 3, HashAlgorithmName.SHA512),
        })
        {
            using var ecdsa = ECDsa.Create(curve);
            var signature = ecdsa.SignData(message, hash, DSASignatureFormat.Rfc3279DerSequence);
            yield return (name, FuzzInput.Write([], CoseKeys.Ec2(ecdsa, algorithm, coseCurve), signature));
        }

        using var rsa = RSA.Create(2048);
        foreach (var (name, algorithm, hash, padding) in new[]
        {
            ("rs256", -257, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ("rs512", -259, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            ("rs1", -65535, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
            ("ps256", -37, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        })
        {
            yield return (name, FuzzInput.Write([], CoseKeys.Rsa(rsa, algorithm), rsa.SignData(message, hash, padding)));
        }

        using var ed25519 = Key.Create(SignatureAlgorithm.Ed25519);
        var x = ed25519.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        yield return ("eddsa", FuzzInput.Write([], CoseKeys.Okp(x), SignatureAlgorithm.Ed25519.Sign(ed25519, message)));
        yield return ("ed448", FuzzInput.Write([], CoseKeys.Okp(x, curve: 7), new byte[64]));
        yield return ("es256k", FuzzInput.Write([], CoseKeys.Okp(x, algorithm: -47, curve: 8), new byte[64]));
    }
}
