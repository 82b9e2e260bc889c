using System.Formats.Asn1;
using System.Security.Cryptography;
using Passkeys.Fuzz.Targets;

namespace Passkeys.Fuzz.Tests;

/// <summary>
/// The known difference the <c>der-signature</c> target documents rather than reports: Fido2 reads ECDSA signatures
/// with lenient BER rules and verifies some non-canonical encodings of a valid signature; the fast path decodes only
/// canonical DER and leaves every other encoding to Fido2, so the engine accepts exactly what Fido2 always did.
/// </summary>
public class SignatureEncodingTests
{
    public static IEnumerable<TestCaseData> Encodings()
    {
        foreach (var fieldSize in new[] { 32, 48, 66 })
        {
            yield return new TestCaseData(fieldSize, "long-form sequence length").Returns(("Undecided", (bool?)true));
            yield return new TestCaseData(fieldSize, "trailing byte").Returns(("Undecided", (bool?)true));
            yield return new TestCaseData(fieldSize, "zero-padded r").Returns(("Undecided", (bool?)null));
            yield return new TestCaseData(fieldSize, "extra element").Returns(("Undecided", (bool?)true));
        }
    }

    [TestCase(32)]
    [TestCase(48)]
    [TestCase(66)]
    public void Canonical_DER_signature_is_verified_by_both(int fieldSize)
        => Assert.That(DerSignatureTarget.Verdicts(fieldSize, Sign(fieldSize)), Is.EqualTo(("Valid", (bool?)true)));

    [TestCaseSource(nameof(Encodings))]
    public (string FastPath, bool? Fido2) Non_canonical_encoding_is_left_to_Fido2(int fieldSize, string encoding)
    {
        var (r, s) = Split(Sign(fieldSize));
        byte[] integers = [.. Integer(r), .. Integer(s)];
        byte[] signature = encoding switch
        {
            "long-form sequence length" => [0x30, 0x82, 0x00, (byte)integers.Length, .. integers],
            "trailing byte" => [.. Sequence(integers), 0x00],
            "zero-padded r" => Sequence([.. Integer([0x00, .. r]), .. Integer(s)]),
            _ => Sequence([.. integers, 0x02, 0x01, 0x01]),
        };

        // Valid on the fast path would mean it decoded non-canonical DER; null means Fido2 threw (a malformed response).
        return DerSignatureTarget.Verdicts(fieldSize, signature);
    }

    private static byte[] Sign(int fieldSize)
    {
        var hash = fieldSize switch { 32 => HashAlgorithmName.SHA256, 48 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        return DerSignatureTarget.FixedKey(fieldSize).SignData(DerSignatureTarget.Message, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static (byte[] R, byte[] S) Split(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        return (sequence.ReadIntegerBytes().ToArray(), sequence.ReadIntegerBytes().ToArray());
    }

    private static byte[] Integer(byte[] content) => [0x02, (byte)content.Length, .. content];

    private static byte[] Sequence(byte[] content) => content.Length < 0x80 ? [0x30, (byte)content.Length, .. content] : [0x30, 0x81, (byte)content.Length, .. content];
}
