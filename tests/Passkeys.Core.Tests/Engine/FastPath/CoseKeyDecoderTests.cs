using System.Formats.Cbor;
using System.Security.Cryptography;
using Passkeys.Engine.FastPath;

namespace Passkeys.Core.Tests.Engine.FastPath;

/// <summary>
/// Regressions found by the <c>cose-key</c> fuzz target: a stored key the fast path cannot import is left to Fido2
/// (null), never an exception out of the fast path.
/// </summary>
public class CoseKeyDecoderTests
{
    public static IEnumerable<TestCaseData> EmptyRsaParameters()
    {
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        foreach (var algorithm in new[] { -257, -258, -259, -65535, -37, -38, -39 })
        {
            yield return new TestCaseData(algorithm, parameters.Modulus, Array.Empty<byte>()).SetArgDisplayNames($"{algorithm}, empty exponent");
            yield return new TestCaseData(algorithm, Array.Empty<byte>(), parameters.Exponent).SetArgDisplayNames($"{algorithm}, empty modulus");
            yield return new TestCaseData(algorithm, Array.Empty<byte>(), Array.Empty<byte>()).SetArgDisplayNames($"{algorithm}, both empty");
        }
    }

    [TestCaseSource(nameof(EmptyRsaParameters))]
    public void Rsa_key_with_an_empty_modulus_or_exponent_is_left_to_Fido2(int algorithm, byte[] modulus, byte[] exponent)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(4);
        writer.WriteInt32(1);
        writer.WriteInt32(3);
        writer.WriteInt32(3);
        writer.WriteInt32(algorithm);
        writer.WriteInt32(-1);
        writer.WriteByteString(modulus);
        writer.WriteInt32(-2);
        writer.WriteByteString(exponent);
        writer.WriteEndMap();

        Assert.That(CoseKeyDecoder.TryImport(writer.Encode()), Is.Null);
    }
}
