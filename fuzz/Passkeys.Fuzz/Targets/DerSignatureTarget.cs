using System.Formats.Asn1;
using System.Security.Cryptography;
using Fido2NetLib.Objects;
using Passkeys.Engine.FastPath;

namespace Passkeys.Fuzz.Targets;

/// <summary>
/// <c>der-signature</c>: the first byte picks ES256, ES384 or ES512 (fixed keys), the rest is a DER ECDSA signature
/// over a fixed message. <see cref="EcdsaSignatureDecoder"/> must decode only canonical DER (it re-encodes to the same
/// bytes, and gives the same r and s), and the fast path and Fido2 must agree on what it decides.
/// </summary>
/// <remarks>
/// Known difference, not a finding: Fido2 reads signatures with lenient BER rules and so verifies non-canonical
/// encodings of a valid signature (long-form lengths, padded integers, trailing bytes); the fast path calls those
/// undecided and leaves them to Fido2, so the engine accepts them too.
/// </remarks>
public sealed class DerSignatureTarget : IFuzzTarget
{
    private static readonly (ECDsa Key, COSE.Algorithm Algorithm, int FieldSize, HashAlgorithmName Hash, byte[] Cose)[] Keys =
    [
        Fixed(ECCurve.NamedCurves.nistP256, COSE.Algorithm.ES256, 32, HashAlgorithmName.SHA256),
        Fixed(ECCurve.NamedCurves.nistP384, COSE.Algorithm.ES384, 48, HashAlgorithmName.SHA384),
        Fixed(ECCurve.NamedCurves.nistP521, COSE.Algorithm.ES512, 66, HashAlgorithmName.SHA512),
    ];

    public string Name => "der-signature";

    public void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        var (_, _, fieldSize, _, cose) = Keys[reader.Byte() % Keys.Length];
        var signature = reader.Rest();

        Span<byte> ieee = stackalloc byte[2 * fieldSize];
        if (EcdsaSignatureDecoder.TryDecode(signature, fieldSize, ieee) == SignatureCheck.Valid)
        {
            CheckCanonical(signature, fieldSize, ieee);
        }

        KeyVerdicts.Compare(cose, signature);
    }

    public IEnumerable<(string Name, byte[] Input)> Seeds()
    {
        for (var i = 0; i < Keys.Length; i++)
        {
            var (key, algorithm, _, hash, _) = Keys[i];
            var der = key.SignData(KeyVerdicts.Message, hash, DSASignatureFormat.Rfc3279DerSequence);
            yield return ($"{algorithm}", [(byte)i, .. der]);
            yield return ($"{algorithm}-trailing-byte", [(byte)i, .. der, 0x00]);
            yield return ($"{algorithm}-ieee", [(byte)i, .. key.SignData(KeyVerdicts.Message, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)]);
        }

        yield return ("es256-non-canonical", [0, .. NonCanonical(Keys[0].Key.SignData(KeyVerdicts.Message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))]);
    }

    /// <summary>Re-encodes a DER signature with a long-form sequence length and a zero-padded r: valid BER, not DER.</summary>
    public static byte[] NonCanonical(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = sequence.ReadIntegerBytes().ToArray();
        var s = sequence.ReadIntegerBytes().ToArray();
        byte[] content = [0x02, (byte)(r.Length + 1), 0x00, .. r, 0x02, (byte)s.Length, .. s];
        return [0x30, 0x81, (byte)content.Length, .. content];
    }

    /// <summary>
    /// What the fast path (<c>Valid</c>, <c>Invalid</c>, <c>Undecided</c>) and Fido2 (<see langword="null"/> when it
    /// throws) make of a signature over <see cref="Message"/> with the fixed key for a field size.
    /// </summary>
    public static (string FastPath, bool? Fido2) Verdicts(int fieldSize, byte[] signature)
    {
        var (fast, fido2) = KeyVerdicts.Verdicts(Keys.First(k => k.FieldSize == fieldSize).Cose, signature);
        return (fast?.ToString() ?? "not imported", fido2);
    }

    /// <summary>Gets the message the target's signatures are over.</summary>
    public static byte[] Message => (byte[])KeyVerdicts.Message.Clone();

    /// <summary>Gets the fixed key for a field size (32, 48 or 66), to sign with in tests.</summary>
    public static ECDsa FixedKey(int fieldSize) => Keys.First(k => k.FieldSize == fieldSize).Key;

    private static void CheckCanonical(byte[] signature, int fieldSize, ReadOnlySpan<byte> ieee)
    {
        byte[] r, s;
        try
        {
            var outer = new AsnReader(signature, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            r = sequence.ReadIntegerBytes().ToArray();
            s = sequence.ReadIntegerBytes().ToArray();
            sequence.ThrowIfNotEmpty();
            outer.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            throw new FuzzFindingException("The fast path decoded a signature that is not DER.", e);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteIntegerUnsigned(r.AsSpan().TrimStart((byte)0));
        writer.WriteIntegerUnsigned(s.AsSpan().TrimStart((byte)0));
        writer.PopSequence();
        if (!writer.Encode().AsSpan().SequenceEqual(signature) || !Aligned(r, fieldSize).SequenceEqual(ieee[..fieldSize]) || !Aligned(s, fieldSize).SequenceEqual(ieee[fieldSize..]))
        {
            throw new FuzzFindingException("The fast path decoded a signature that is not canonical DER, or decoded other r and s.");
        }
    }

    private static byte[] Aligned(byte[] integer, int fieldSize)
    {
        var magnitude = integer.AsSpan().TrimStart((byte)0);
        var aligned = new byte[fieldSize];
        magnitude.CopyTo(aligned.AsSpan(fieldSize - magnitude.Length));
        return aligned;
    }

    // A fixed private scalar per curve (not a secret: it only makes corpus signatures valid in every run).
    private static (ECDsa, COSE.Algorithm, int, HashAlgorithmName, byte[]) Fixed(ECCurve curve, COSE.Algorithm algorithm, int fieldSize, HashAlgorithmName hash)
    {
        var d = new byte[fieldSize];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"passkeys fuzz {algorithm}")).CopyTo(d, fieldSize - 32);
        var key = ECDsa.Create(new ECParameters { Curve = curve, D = d });
        return (key, algorithm, fieldSize, hash, new CredentialPublicKey(key, algorithm).GetBytes());
    }
}
